using Workflow.Host.Web.OpenApi;
using Workflow.Host.Web.Localization;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Supervision;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Permits.Api;
using Workflow.Host.Web.Permits;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Web.Supervision;

/// <summary>A 督办 notice in the API.</summary>
public sealed record UrgingView(long Id, string CaseId, string StepId, string Department, string Message, Instant ReplyDue, string IssuedBy, Instant IssuedAt,
    string? Reply, string? RepliedBy, Instant? RepliedAt)
{
    /// <summary>The case number people read (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*); set in lists.</summary>
    public string? CaseNumber { get; init; }

    public static UrgingView Of(UrgingRow r) => new(r.Id, r.CaseId, r.StepId, r.Department, r.Message, r.ReplyDue, r.IssuedBy, r.IssuedAt, r.Reply, r.RepliedBy, r.RepliedAt);
}

/// <summary>Issuing a notice: the overdue step, the message, the reply due date (yyyy-MM-dd; due at the end of that day).</summary>
public sealed record IssueUrging([property: Required] string? StepId, string? Message, [property: Required] string? ReplyDue);

/// <summary>A department's reply.</summary>
public sealed record UrgingReply(string? Reply);

/// <summary>
/// 督办 notices (docs/api.md, Supervision): <c>POST /api/supervision/urgings</c> (supervisor, admin),
/// <c>GET /api/supervision/urgings</c> (reviewers: their department's; supervisor, admin: all),
/// <c>POST /api/supervision/urgings/{id}/reply</c> (the department's reviewers, admin; 409 once replied).
/// </summary>
public static class UrgingEndpoints
{
    public static RouteGroupBuilder MapUrgingEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/urgings", IssueAsync).WithName("IssueUrging").AddEndpointFilter<PermitProblemFilter>()
            .WithSummary("Issues a 督办 notice on an open, overdue step (supervisor, admin).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/urgings", ListAsync).WithName("Urgings").WithListStates<UrgingState, RouteHandlerBuilder>().ProducesValidationProblem()
            .WithSummary("The caller's department's notices (reviewers) or all (supervisor, admin), paged: `{items, totalCount, page, pageSize}`.")
            .WithDescription("The lists' parameters (docs/api.md, Lists): `?search=` (message or reply, case number or id, project code or name, enterprise, matter), " +
                "`?state=Awaiting|Replied`, `?department=`, `?stage=`, `?greenChannel=`, `?from=&to=` (issue dates, yyyy-MM-dd, both included), " +
                "`?sort=due|newest|oldest` (due: awaiting a reply first, the earliest reply due first), `?page=1&pageSize=50`. A bad value, or `level`, is 400 naming it.");
        api.MapPost("/urgings/{id:long}/reply", ReplyAsync).WithName("ReplyToUrging").AddEndpointFilter<PermitProblemFilter>()
            .WithSummary("The department's reply (once; 409 afterwards).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    /// <summary>Reads a reply due date (yyyy-MM-dd, due at the end of that day in the jurisdiction's zone).</summary>
    public static Instant? ReplyDue(string? text, DateTimeZone zone) =>
        text is not null && LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date && date.Value.Year is >= 2000 and <= 2100
            ? zone.AtStartOfDay(date.Value.PlusDays(1)).ToInstant() - Duration.FromSeconds(1)
            : null;

    private static async Task<Results<Created<UrgingView>, ValidationProblem, ProblemHttpResult>> IssueAsync(IssueUrging body, ClaimsPrincipal user,
        UrgingService urgings, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        if (!SupervisionEndpoints.MaySupervise(user)) return SupervisionEndpoints.Forbidden();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.StepId)) errors["stepId"] = [Ui.T("请指明环节（stepId）", "stepId is required")];
        var due = ReplyDue(body.ReplyDue, jurisdiction.Value.Zone);
        if (due is null) errors["replyDue"] = [Ui.T("replyDue 须为日期 yyyy-MM-dd", "replyDue must be a date yyyy-MM-dd")];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("督办单有误。", "The urging notice is not valid."));
        var row = await urgings.IssueAsync(body.StepId!, body.Message ?? "", due!.Value, AppClaims.UserNameOf(user) ?? "", ct);
        return row is null ? Denied.NotFound(Subjects.Step(body.StepId)) : TypedResults.Created($"/api/supervision/urgings/{row.Id}", UrgingView.Of(row));
    }

    /// <summary>One page of notices by the lists' parameters, read as text so that a bad value is a 400 naming it (docs/api.md, *Lists*).</summary>
    private static async Task<Results<Ok<PagedList<UrgingView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? search, string? state, string? department, string? stage, string? greenChannel, string? from, string? to, string? sort, string? page, string? pageSize,
        HttpRequest request, ClaimsPrincipal user, UrgingService urgings, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var role = AppClaims.RoleOf(user);
        if (role is not (UserRole.Reviewer or UserRole.Supervisor or UserRole.Admin)) return SupervisionEndpoints.Forbidden();
        var given = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["search"] = search, ["state"] = state, ["department"] = department, ["stage"] = stage, ["greenChannel"] = greenChannel,
            ["from"] = from, ["to"] = to, ["sort"] = sort, ["page"] = page, ["pageSize"] = pageSize, ["level"] = request.Query["level"],
        };
        var (parameters, errors) = ListParameters.Read<UrgingState>(new QueryCollection(given), catalogue, jurisdiction.Value.Zone, "level");
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("列表参数无效。", "The list parameters are not valid."));
        var found = await urgings.ListAsync(role == UserRole.Reviewer ? AppClaims.DepartmentOf(user) ?? "-" : null, parameters.Filter, parameters.Page, parameters.PageSize, ct);
        return TypedResults.Ok(new PagedList<UrgingView>(found.Items.Select(u => UrgingView.Of(u.Row) with { CaseNumber = u.CaseNumber }).ToList(),
            found.TotalCount, parameters.Page, parameters.PageSize));
    }

    private static async Task<Results<Ok<UrgingView>, ProblemHttpResult>> ReplyAsync(long id, UrgingReply body, ClaimsPrincipal user, UrgingService urgings, CancellationToken ct)
    {
        var role = AppClaims.RoleOf(user);
        if (role is not (UserRole.Reviewer or UserRole.Admin)) return SupervisionEndpoints.Forbidden();
        var row = await urgings.ReplyAsync(id, body.Reply ?? "", AppClaims.UserNameOf(user) ?? "", role == UserRole.Reviewer ? AppClaims.DepartmentOf(user) ?? "-" : null, ct);
        return row is null ? Denied.NotFound(Subjects.UrgingNotice(id)) : TypedResults.Ok(UrgingView.Of(row));
    }
}
