using Workflow.Host.Web.Localization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Definitions.Cases;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Json;

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
                "A reviewer asking for another department's inbox is 403. `?search=&state=Open|WaitingForSupplement&stage=&level=Overdue|Warning&greenChannel=&from=&to=&sort=due|newest|oldest&page=1&pageSize=50` (docs/api.md, Lists).");
        api.MapGet("/inbox/handled", HandledAsync).WithName("HandledSteps")
            .WithSummary("已办: the steps the caller's department decided, with outcome, actor and when; the latest first.")
            .WithDescription("Who as for `/api/inbox`; the same parameters (`level=Overdue` only: a decided step is in warning no more), `from`/`to` bound the decision date.");
        return api;
    }

    private static Task<Results<Ok<PagedList<InboxItemView>>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        HttpRequest request, ClaimsPrincipal user, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, InboxQueries inboxes, CancellationToken ct) =>
        ListAsync(request, user, catalogue, jurisdiction.Value, (department, parameters) =>
            inboxes.PageAsync(department, parameters.Filter, parameters.Page, parameters.PageSize, ct));

    private static Task<Results<Ok<PagedList<InboxItemView>>, ValidationProblem, ProblemHttpResult>> HandledAsync(
        HttpRequest request, ClaimsPrincipal user, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, InboxQueries inboxes, CancellationToken ct) =>
        ListAsync(request, user, catalogue, jurisdiction.Value, (department, parameters) =>
            inboxes.HandledAsync(department, parameters.Filter, parameters.Page, parameters.PageSize, ct), handled: true);

    private static async Task<Results<Ok<PagedList<InboxItemView>>, ValidationProblem, ProblemHttpResult>> ListAsync(HttpRequest request, ClaimsPrincipal user,
        MatterCatalogue catalogue, JurisdictionOptions jurisdiction, Func<string?, ListParameters, Task<InboxPage>> read, bool handled = false)
    {
        var access = new CaseAccess(user);
        if (access.ReadInbox() is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Ui.T("待办", "inboxes"));
        var (parameters, errors) = ListParameters.Read(request.Query, catalogue, jurisdiction.Zone);
        if (handled && ListParameters.WarningOnHandled(parameters) is { } warning) errors = new(errors.Concat(warning));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("列表参数无效。", "The list parameters are not valid."));

        var wanted = parameters.Filter.Department;
        var own = access.InboxDepartment;
        if (own is not null && wanted is not null && wanted != own)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."),
                detail: Ui.T($"您只能查看「{own}」的待办。", $"You see the '{own}' inbox only."));
        var page = await read(own ?? wanted, parameters);
        return TypedResults.Ok(new PagedList<InboxItemView>(page.Items.Select(i => InboxItemView.From(i.Step)).ToList(), page.TotalCount, parameters.Page, parameters.PageSize));
    }
}
