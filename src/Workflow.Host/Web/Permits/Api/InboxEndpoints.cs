using Workflow.Host.Web.Localization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// <c>GET /api/inbox</c> (docs/api.md): a reviewer gets their department's open steps, the front desk the open
/// intake steps, the supervisor and admin every open step (filterable by <c>?department=</c>); agents and the
/// designer 403. Green channel first, then by promised due; paged.
/// </summary>
public static class InboxEndpoints
{
    public static RouteGroupBuilder MapInboxEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/inbox", ReadAsync).WithName("Inbox")
            .WithSummary("The caller's open steps, green channel first, then by promised due.")
            .WithDescription("Reviewers: their department; front desk: intake steps (`frontdesk`); supervisor and admin: all, or `?department=CODE`. " +
                "A reviewer asking for another department's inbox is 403. `?page=1&pageSize=50` (1-based, at most 500).");
        return api;
    }

    private static async Task<Results<Ok<PagedList<InboxItemView>>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        string? department, string? page, string? pageSize, ClaimsPrincipal user, Workflow.Definitions.Catalogue.MatterCatalogue catalogue, InboxQueries inboxes, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (access.ReadInbox() is not AccessDecision.Allowed and var decision) return Denied.Because(decision, "inboxes");
        var (p, size, errors) = Paging.Read(page, pageSize);
        errors ??= [];
        var wanted = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        if (wanted is not null && wanted != PermitActivity.FrontDesk && catalogue.FindDepartment(wanted) is null)
            errors["department"] = [$"'{wanted}' is not a department code (GET /api/departments) nor '{PermitActivity.FrontDesk}'"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The inbox query is not valid.");

        var own = access.InboxDepartment;
        if (own is not null && wanted is not null && wanted != own)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."),
                detail: Ui.T($"您只能查看「{own}」的待办。", $"You see the '{own}' inbox only."));
        var inbox = await inboxes.PageAsync(own ?? wanted, p, size, ct);
        return TypedResults.Ok(new PagedList<InboxItemView>(inbox.Items.Select(i => InboxItemView.From(i.Step)).ToList(), inbox.TotalCount, p, size));
    }
}
