using Workflow.Host.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>The problem answers for a refused <see cref="CaseAccess"/> decision: 403 for the role, 404 for what may not be seen.</summary>
public static class Denied
{
    /// <summary>403 when <paramref name="decision"/> is <see cref="AccessDecision.Forbidden"/>, else 404 naming <paramref name="what"/>.</summary>
    public static ProblemHttpResult Because(AccessDecision decision, string what) => decision == AccessDecision.Forbidden
        ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."), detail: Ui.T($"您的角色无权对 {what} 执行此操作。", $"Your role may not do this with {what}."))
        : NotFound(what);

    /// <summary>404: no such thing, or one the caller may not see (its existence does not leak).</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到。", "Not found."), detail: Ui.T($"没有 {what}。", $"There is no {what}."));
}
