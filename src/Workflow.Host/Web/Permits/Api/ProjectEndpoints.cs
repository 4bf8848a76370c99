using System.ComponentModel.DataAnnotations;
using Workflow.Definitions.Messages;
using Workflow.Host.Web.Localization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Definitions.Projects;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// <c>/api/projects</c>: agents register projects and see their own; the supervisor and admin see all; other roles 403.
/// The detail carries the tracker grid (stages × matters).
/// </summary>
public static class ProjectEndpoints
{
    /// <summary>The body of <c>POST /api/projects</c>. <c>kind</c> defaults to <c>EnterpriseInvested</c>.</summary>
    public sealed record CreateProjectRequest([property: Required] string? Code, [property: Required] string? Name, [property: Required] string? Enterprise, ProjectKind? Kind, bool? GreenChannel, IReadOnlyList<string>? PriorApprovals);

    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/projects", CreateAsync).WithName("CreateProject")
            .WithSummary("Registers a project for the calling agent.")
            .WithDescription("Agents and admin. `code`, `name` and `enterprise` are required (400); a taken code or an unknown prior approval is 422.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/projects", ListAsync).WithName("ListProjects")
            .WithSummary("Lists projects, newest first: an agent's own, or every project for the supervisor and admin.")
            .WithDescription("The lists' parameters (docs/api.md, *Lists*): `search` (code, name, enterprise, or a case's number or matter), "
                + "`state`, `stage`, `department`, `level=Overdue` (the project's current case), `greenChannel`, `from`/`to` (registration), "
                + "`sort` (`newest` by default, `oldest`, `due`), `page`, `pageSize` (1-based, at most 500); a bad value is 400 naming it.")
            .ProducesValidationProblem();
        api.MapGet("/projects/{id}", GetAsync).WithName("GetProject")
            .WithSummary("A project with its cases and the stages × matters grid (state, both clocks, what is missing).");
        return api;
    }

    private static async Task<Results<Created<ProjectView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        [FromBody] CreateProjectRequest request, ClaimsPrincipal user, ProjectRegistry registry, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (access.CreateProject() is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Projects);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Code)) errors["code"] = [RuleTexts.Text(RuleCodes.ProjectCodeRequired)];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = [RuleTexts.Text(RuleCodes.ProjectNameRequired)];
        if (string.IsNullOrWhiteSpace(request.Enterprise)) errors["enterprise"] = [RuleTexts.Text(RuleCodes.ProjectEnterpriseRequired)];
        if (request.PriorApprovals?.Any(string.IsNullOrWhiteSpace) == true) errors["priorApprovals"] = [Ui.T("事项代码不能为空", "matter codes may not be empty")];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("项目信息不完整。", "The project is incomplete."));

        var row = await registry.CreateProjectAsync(new NewProject(request.Code!, request.Name!, request.Enterprise!,
            request.Kind ?? ProjectKind.EnterpriseInvested, request.GreenChannel ?? false, request.PriorApprovals), access.UserName, ct);
        return TypedResults.Created($"/api/projects/{row.Id}", ProjectView.From(row));
    }

    /// <summary>
    /// One page of projects, narrowed and ordered by the lists' parameters (docs/api.md, *Lists*), each declared (so the
    /// OpenAPI document lists it) and read as text so that a bad value is a 400 naming it in the request's language.
    /// </summary>
    private static async Task<Results<Ok<PagedList<ProjectView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? search, string? state, string? stage, string? department, string? level, string? greenChannel, string? from, string? to, string? sort,
        string? page, string? pageSize, ClaimsPrincipal user, ProjectQueries projects, Workflow.Definitions.Catalogue.MatterCatalogue catalogue,
        Microsoft.Extensions.Options.IOptions<Json.JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (access.ListProjects() is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Projects);
        var given = new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["search"] = search, ["state"] = state, ["stage"] = stage, ["department"] = department, ["level"] = level, ["greenChannel"] = greenChannel,
            ["from"] = from, ["to"] = to, ["sort"] = sort, ["page"] = page, ["pageSize"] = pageSize,
        });
        var (parameters, errors) = ListParameters.Read(given, catalogue, jurisdiction.Value.Zone, caseStates: true);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("列表参数无效。", "The list parameters are not valid."));
        parameters = parameters.SortedByDefault(given, ListSort.Newest);
        var agent = access.Role == Access.UserRole.Agent ? access.UserName : null;
        var (items, total) = await projects.ListAsync(agent, parameters.Filter, parameters.Page, parameters.PageSize, ct);
        return TypedResults.Ok(new PagedList<ProjectView>(items.Select(i => ProjectView.From(i.Project)).ToList(), total, parameters.Page, parameters.PageSize));
    }

    private static async Task<Results<Ok<ProjectDetailView>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, ProjectQueries projects, Workflow.Definitions.Catalogue.MatterCatalogue catalogue, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        var project = await projects.FindAsync(id, ct);
        if (project is null) return Denied.Because(access.SeeUnknownProject(), Subjects.Project(id));
        if (access.SeeProject(project) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Project(id));

        return TypedResults.Ok(ProjectDetailView.From(project, await projects.TrackAsync(project.Id, ct), catalogue));
    }
}
