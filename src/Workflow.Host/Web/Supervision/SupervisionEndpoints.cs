using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;

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
            .WithSummary("The cases and steps behind one figure of one department (`all`: every department).");
        api.MapUrgingEndpoints();
        return api;
    }

    internal static bool MaySupervise(ClaimsPrincipal user) => AppClaims.RoleOf(user) is UserRole.Supervisor or UserRole.Admin;

    internal static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Your role may not do this.", detail: "Supervision is for supervisors.");

    private static async Task<Results<Ok<DashboardView>, ValidationProblem, ProblemHttpResult>> DashboardAsync(string? from, string? to, ClaimsPrincipal user,
        SupervisionQueries queries, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IClock clock, CancellationToken ct)
    {
        if (!MaySupervise(user)) return Forbidden();
        var (period, errors) = SupervisionPeriod.Read(from, to, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        if (period is null) return TypedResults.ValidationProblem(errors, title: "The period is not valid.");
        var dashboard = await queries.DashboardAsync(period.Start, period.End, ct);
        return TypedResults.Ok(new DashboardView(period.From, period.To,
            dashboard.Departments.Select(d => DepartmentFiguresView.Of(d, catalogue, period)).ToList(),
            DepartmentFiguresView.Of(dashboard.Overall, catalogue, period), dashboard.Weeks));
    }

    private static async Task<Results<Ok<IReadOnlyList<SupervisionItemView>>, ValidationProblem, ProblemHttpResult>> DrillDownAsync(string code, string figure, string? from, string? to,
        ClaimsPrincipal user, SupervisionQueries queries, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IClock clock, CancellationToken ct)
    {
        if (!MaySupervise(user)) return Forbidden();
        var (period, errors) = SupervisionPeriod.Read(from, to, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        if (!SupervisionFigure.All.Contains(figure)) errors["figure"] = [$"'{figure}' is not a figure: {string.Join(", ", SupervisionFigure.All)}"];
        if (code != "all" && code != PermitActivity.FrontDesk && catalogue.FindDepartment(code) is null)
            errors["code"] = [$"'{code}' is not a department code (GET /api/departments), 'frontdesk' nor 'all'"];
        if (period is null || errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The drill-down is not valid.");
        var items = await queries.DrillDownAsync(code == "all" ? SupervisionQueries.Overall : code, figure, period.Start, period.End, ct);
        return TypedResults.Ok<IReadOnlyList<SupervisionItemView>>(items.Select(SupervisionItemView.Of).ToList());
    }
}
