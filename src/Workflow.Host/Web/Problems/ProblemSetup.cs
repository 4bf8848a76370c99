using Workflow.Host.Web.Localization;
namespace Workflow.Host.Web.Problems;

/// <summary>
/// RFC 7807 problem details for every error: thrown exceptions (<see cref="BadRequestExceptionHandler"/>), and
/// empty 4xx/5xx answers such as the 401 of a missing token or the 404 of an unknown route (status code pages).
/// </summary>
public static class ProblemSetup
{
    public static IServiceCollection AddWorkflowProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Detail ??= DefaultDetail(context.ProblemDetails.Status);
            context.ProblemDetails.Extensions["correlationId"] = Observability.CorrelationId.Of(context.HttpContext);
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Minimal APIs then throw on unreadable input instead of answering an empty 400, so the handler names the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    private static string? DefaultDetail(int? status) => status switch
    {
        401 => Ui.T("需要登录：请发送 Authorization: Bearer <token>（POST /api/auth/token）。", "Sign-in required: send Authorization: Bearer <token> (POST /api/auth/token)."),
        403 => Ui.T("您的角色无权执行此操作。", "Your role may not do this."),
        404 => Ui.T("未找到。", "Not found."),
        405 => Ui.T("不支持此请求方法。", "Method not allowed."),
        413 => Ui.T("请求体过大。", "The request body is too large."),
        _ => null,
    };
}
