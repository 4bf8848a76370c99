using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Web.Supervision;

/// <summary>
/// The supervision dashboard's API (docs/api.md, Supervision): <c>GET /api/supervision/departments?from=&amp;to=</c> and
/// the drill-down <c>GET /api/supervision/departments/{code}/{figure}</c> (<c>all</c> for everyone). Supervisor and
/// admin only (403); read only.
/// </summary>
public static class SupervisionEndpoints
{
    public static RouteGroupBuilder MapSupervisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(AccessPolicies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/departments", DashboardAsync).WithName("SupervisionDepartments")
            .WithSummary("Per department and overall, for a period: open steps, cards, on-time rates, working days, compression, repeated returns, ….")
            .WithDescription("`from`, `to`: dates yyyy-MM-dd, both included (default: the four weeks up to today). Each figure links to its drill-down.");
        api.MapGet("/departments/{code}/{figure}", DrillDownAsync).WithName("SupervisionDrillDown")
            .WithSummary("The cases and steps behind one figure of one department (`all`: every department), paged.")
            .WithDescription("`from`, `to`: the period, as for the dashboard. The lists' parameters (docs/api.md, Lists): `?search=&state=` (a case state) " +
                "`&stage=&department=&level=Overdue&greenChannel=&sort=due|newest|oldest&page=1&pageSize=50`. A bad value is 400 naming it.");
        api.MapGet("/open", OpenStepsAsync).WithName("SupervisionOpenSteps")
            .WithSummary("Every open step counted per department (open, waiting for a supplement, warning, overdue), and one page of those in warning or overdue, worst first.")
            .WithDescription("The lists' parameters (docs/api.md, Lists) search, filter, order and page the steps in warning or overdue: " +
                "`?search=&department=&stage=&level=Overdue&greenChannel=&from=&to=&sort=due|newest|oldest&page=1&pageSize=50`; the counts are never filtered. A bad value is 400 naming it.");
        api.MapUrgingEndpoints();
        return api;
    }

    internal static bool MaySupervise(ClaimsPrincipal user) => AppClaims.RoleOf(user) is UserRole.Supervisor or UserRole.Admin;

    internal static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."),
            detail: Ui.T("效能监察仅供监察人员使用。", "Supervision is for supervisors."));

    private static async Task<Results<Ok<DashboardView>, ValidationProblem, ProblemHttpResult>> DashboardAsync(string? from, string? to, ClaimsPrincipal user,
        SupervisionQueries queries, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IClock clock, CancellationToken ct)
    {
        if (!MaySupervise(user)) return Forbidden();
        var (period, errors) = SupervisionPeriod.Read(from, to, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        if (period is null) return TypedResults.ValidationProblem(errors, title: Ui.T("期间无效。", "The period is not valid."));
        var dashboard = await queries.DashboardAsync(period.Start, period.End, ct);
        return TypedResults.Ok(new DashboardView(period.From, period.To,
            dashboard.Departments.Select(d => DepartmentFiguresView.Of(d, catalogue, period)).ToList(),
            DepartmentFiguresView.Of(dashboard.Overall, catalogue, period), dashboard.Weeks));
    }

    /// <summary>
    /// The overview of <c>/supervision</c> (docs/supervision.md, "Counting at scale"): the per-department counts and one page
    /// of the steps in warning or overdue, narrowed by the lists' parameters (a bad one is a 400 naming it).
    /// </summary>
    private static async Task<Results<Ok<OpenStepsView>, ValidationProblem, ProblemHttpResult>> OpenStepsAsync(HttpRequest request, ClaimsPrincipal user,
        InboxQueries inboxes, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        if (!MaySupervise(user)) return Forbidden();
        var (parameters, errors) = ListParameters.Read(request.Query, catalogue, jurisdiction.Value.Zone);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("列表参数无效。", "The list parameters are not valid."));
        var overview = await inboxes.OverviewAsync(parameters.Filter, parameters.Page, parameters.PageSize, ct);
        return TypedResults.Ok(new OpenStepsView(overview.TotalCount, overview.Departments,
            new PagedList<InboxItemView>(overview.Attention.Select(i => InboxItemView.From(i.Step)).ToList(), overview.AttentionCount, parameters.Page, parameters.PageSize)));
    }

    /// <summary>
    /// One page of the items behind a figure: <c>from</c>/<c>to</c> are the period (as on the dashboard), the other
    /// parameters the lists' (<see cref="SupervisionDrill"/>; docs/api.md, *Lists*); a bad one is a 400 naming it.
    /// </summary>
    private static async Task<Results<Ok<PagedList<SupervisionItemView>>, ValidationProblem, ProblemHttpResult>> DrillDownAsync(string code, string figure,
        HttpRequest request, ClaimsPrincipal user, SupervisionQueries queries, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IClock clock, CancellationToken ct)
    {
        if (!MaySupervise(user)) return Forbidden();
        var drill = SupervisionDrill.Read(code, figure, request.Query, catalogue, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        if (drill.Errors.Count > 0) return TypedResults.ValidationProblem(drill.Errors, title: Ui.T("列表参数无效。", "The list parameters are not valid."));
        var page = await drill.LoadAsync(queries, ct);
        return TypedResults.Ok(new PagedList<SupervisionItemView>(page.Items.Select(SupervisionItemView.Of).ToList(), page.TotalCount, drill.Parameters.Page, drill.Parameters.PageSize));
    }
}
