using Workflow.Host.Web.OpenApi;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Definitions.Feedback;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Permits.Api;

using Workflow.Host.Web.Localization;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Web.Feedback;

/// <summary>
/// Ratings and complaints (docs/feedback.md, docs/api.md "Ratings and complaints"). Agents rate their finished matters
/// and file complaints about their cases; supervisors (and the admin) read every complaint and handle it. An agent asking
/// for another agent's case or complaint gets 404, like the case itself; roles with no business here get 403.
/// </summary>
public static class FeedbackEndpoints
{
    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var ratings = app.MapGroup("/api/cases/{id}/ratings").WithTags("Ratings and complaints").RequireAuthorization(AccessPolicies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        ratings.MapGet("", RatingsAsync).WithName("CaseRatings").WithSummary("The ratings of a case's matters (its agent, supervisor, admin).");
        ratings.MapPost("", RateAsync).WithName("RateMatter").AddEndpointFilter<PermitProblemFilter>()
            .WithSummary("The agent rates a finished matter of the case 1–5 (once: a rating is final, 409 afterwards).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);

        var complaints = app.MapGroup("/api/complaints").WithTags("Ratings and complaints").RequireAuthorization(AccessPolicies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).AddEndpointFilter<PermitProblemFilter>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);
        complaints.MapPost("", FileAsync).WithName("FileComplaint").WithSummary("The agent files a complaint about a step of their case or a department.");
        complaints.MapGet("", ListAsync).WithName("Complaints").WithListStates<ComplaintState, RouteHandlerBuilder>().ProducesValidationProblem()
            .WithSummary("The agent's own complaints, or every one (supervisor, admin), paged: `{items, totalCount, page, pageSize}`.")
            .WithDescription("The lists' parameters (docs/api.md, Lists): `?search=` (the complaint's text, case number or id, project code or name, enterprise, matter), " +
                "`?state=Open|InHand|Answered|Closed`, `?department=` (the department complained about, or frontdesk), `?stage=`, `?greenChannel=`, " +
                "`?from=&to=` (filing dates, yyyy-MM-dd, both included), `?sort=due|newest|oldest` (due: newest first, complaints have no clock), `?page=1&pageSize=50`. " +
                "A bad value, or `level`, is 400 naming it.");
        complaints.MapGet("/{id:long}", GetAsync).WithName("Complaint").WithSummary("One complaint (404: not the agent's).");
        complaints.MapPost("/{id:long}/take", TakeAsync).WithName("TakeComplaint").WithSummary("A supervisor takes an open complaint and becomes its handler (409 once taken).");
        complaints.MapPost("/{id:long}/answer", AnswerAsync).WithName("AnswerComplaint").WithSummary("The handler (or the admin) replies; the agent is notified (409 unless in hand by the caller).");
        complaints.MapPost("/{id:long}/close", CloseAsync).WithName("CloseComplaint").WithSummary("The agent closes their complaint at any time; a supervisor once answered (409 otherwise).");
        return app;
    }

    private static bool IsAgent(ClaimsPrincipal user) => AppClaims.RoleOf(user) == UserRole.Agent;

    private static bool IsHandler(ClaimsPrincipal user) => AppClaims.RoleOf(user) is UserRole.Supervisor or UserRole.Admin;

    private static string Name(ClaimsPrincipal user) => AppClaims.UserNameOf(user) ?? "";

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."), detail: detail);

    private static async Task<Results<Ok<IReadOnlyList<RatingView>>, ProblemHttpResult>> RatingsAsync(string id, ClaimsPrincipal user, FeedbackService feedback, CancellationToken ct)
    {
        if (!IsAgent(user) && !IsHandler(user)) return Forbidden(Ui.T("评价仅供办件的申报人和监察人员查看。", "Ratings are read by the case's agent and by supervisors."));
        var rows = await feedback.RatingsAsync(id, IsAgent(user) ? Name(user) : null, ct);
        return rows is null ? Denied.NotFound(Subjects.Case(id)) : TypedResults.Ok<IReadOnlyList<RatingView>>(rows.Select(RatingView.Of).ToList());
    }

    private static async Task<Results<Created<RatingView>, ValidationProblem, ProblemHttpResult>> RateAsync(string id, NewRating body, ClaimsPrincipal user,
        FeedbackService feedback, CancellationToken ct)
    {
        if (!IsAgent(user)) return Forbidden(Ui.T("只有办件的申报人可以评价。", "Only the case's agent rates its matters."));
        if (body.Stars is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["stars"] = [Ui.T("请给出 1 至 5 星", "stars is required: 1 to 5")] }, title: Ui.T("评价有误。", "The rating is not valid."));
        var row = await feedback.RateAsync(id, body.Matter, body.Stars.Value, body.Comment, Name(user), ct);
        return row is null ? Denied.NotFound(Subjects.Case(id)) : TypedResults.Created($"/api/cases/{id}/ratings", RatingView.Of(row));
    }

    private static async Task<Results<Created<ComplaintView>, ValidationProblem, ProblemHttpResult>> FileAsync(NewComplaint body, ClaimsPrincipal user,
        FeedbackService feedback, CancellationToken ct)
    {
        if (!IsAgent(user)) return Forbidden(Ui.T("投诉由项目申报人提出。", "Complaints are filed by project agents."));
        if (string.IsNullOrWhiteSpace(body.CaseId)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["caseId"] = [Ui.T("请指明办件（caseId）", "caseId is required")] }, title: Ui.T("投诉有误。", "The complaint is not valid."));
        var row = await feedback.FileAsync(body.CaseId, body.StepId, body.Department, body.Text, Name(user), ct);
        return row is null ? Denied.NotFound(Subjects.Case(body.CaseId)) : TypedResults.Created($"/api/complaints/{row.Id}", ComplaintView.Of(row));
    }

    /// <summary>
    /// One page of complaints, narrowed and ordered by the lists' parameters (docs/api.md, *Lists*), read as text so that a
    /// bad value is a 400 naming it in the request's language; <c>level</c> does not apply (complaints have no clock).
    /// </summary>
    private static async Task<Results<Ok<PagedList<ComplaintView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? search, string? state, string? department, string? stage, string? greenChannel, string? from, string? to, string? sort, string? page, string? pageSize,
        HttpRequest request, ClaimsPrincipal user, FeedbackService feedback, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        if (!IsAgent(user) && !IsHandler(user)) return Forbidden(Ui.T("投诉仅供投诉人和监察人员查看。", "Complaints are read by their agents and by supervisors."));
        var given = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["search"] = search, ["state"] = state, ["department"] = department, ["stage"] = stage, ["greenChannel"] = greenChannel,
            ["from"] = from, ["to"] = to, ["sort"] = sort, ["page"] = page, ["pageSize"] = pageSize, ["level"] = request.Query["level"],
        };
        var (parameters, errors) = ListParameters.Read<ComplaintState>(new QueryCollection(given), catalogue, jurisdiction.Value.Zone, "level");
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("列表参数无效。", "The list parameters are not valid."));
        var found = await feedback.ComplaintsAsync(IsAgent(user) ? Name(user) : null, parameters.Filter, parameters.Page, parameters.PageSize, ct);
        return TypedResults.Ok(new PagedList<ComplaintView>(found.Items.Select(c => ComplaintView.Of(c.Row) with { CaseNumber = c.CaseNumber }).ToList(),
            found.TotalCount, parameters.Page, parameters.PageSize));
    }

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> GetAsync(long id, ClaimsPrincipal user, FeedbackService feedback, CancellationToken ct)
    {
        if (!IsAgent(user) && !IsHandler(user)) return Forbidden(Ui.T("投诉仅供投诉人和监察人员查看。", "Complaints are read by their agents and by supervisors."));
        var row = await feedback.ComplaintAsync(id, IsAgent(user) ? Name(user) : null, ct);
        return row is null ? Denied.NotFound(Subjects.Complaint(id)) : TypedResults.Ok(ComplaintView.Of(row));
    }

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> TakeAsync(long id, ClaimsPrincipal user, FeedbackService feedback, CancellationToken ct)
    {
        if (!IsHandler(user)) return Forbidden(Ui.T("投诉由监察人员办理。", "Complaints are handled by supervisors."));
        var row = await feedback.TakeAsync(id, Name(user), ct);
        return row is null ? Denied.NotFound(Subjects.Complaint(id)) : TypedResults.Ok(ComplaintView.Of(row));
    }

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> AnswerAsync(long id, ComplaintAnswer body, ClaimsPrincipal user, FeedbackService feedback, CancellationToken ct)
    {
        if (!IsHandler(user)) return Forbidden(Ui.T("投诉由其承办人答复。", "Complaints are answered by their handler."));
        var row = await feedback.AnswerAsync(id, body.Reply, Name(user), anyHandler: AppClaims.RoleOf(user) == UserRole.Admin, ct);
        return row is null ? Denied.NotFound(Subjects.Complaint(id)) : TypedResults.Ok(ComplaintView.Of(row));
    }

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> CloseAsync(long id, ClaimsPrincipal user, FeedbackService feedback, CancellationToken ct)
    {
        if (!IsAgent(user) && !IsHandler(user)) return Forbidden(Ui.T("投诉由投诉人或监察人员关闭。", "Complaints are closed by their agents and by supervisors."));
        var row = await feedback.CloseAsync(id, Name(user), IsAgent(user) ? Name(user) : null, ct);
        return row is null ? Denied.NotFound(Subjects.Complaint(id)) : TypedResults.Ok(ComplaintView.Of(row));
    }
}
