using System.ComponentModel.DataAnnotations;
using Workflow.Host.Web.Localization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Definitions.Filing;

namespace Workflow.Host.Web.Permits.Api;

/// <summary><c>POST /api/projects/{id}/applications</c>: the project's agent applies for a stage (or some of its matters) with materials; the stage workflow starts.</summary>
public static class ApplicationEndpoints
{
    /// <summary>
    /// The body: <c>stage</c> (name such as <c>CompletionAcceptance</c>, or its number 1–4), <c>matters</c> (codes;
    /// omitted = every matter of the stage), <c>materials</c> (codes handed in).
    /// </summary>
    public sealed record ApplicationRequest([property: Required] Stage? Stage, IReadOnlyList<string>? Matters, IReadOnlyList<string>? Materials);

    public static RouteGroupBuilder MapApplicationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/projects/{id}/applications", ApplyAsync).WithName("Apply")
            .WithSummary("Files an application for a stage of the project: starts the stage workflow and answers the case (201, Location /api/cases/{id}).")
            .WithDescription("The project's agent (or admin). A matter or material outside the stage, a prerequisite not approved yet or an open case of the same stage is 422 naming the field.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Created<CaseView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        string id, [FromBody] ApplicationRequest request, ClaimsPrincipal user, ApplicationDesk applications, ProjectQueries projects, CaseQueries cases,
        Definitions.Catalogue.MatterCatalogue catalogue, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        var project = await projects.FindAsync(id, ct);
        if (project is null) return Denied.Because(access.ApplyToUnknownProject(), Subjects.Project(id));
        if (access.Apply(project) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Project(id));

        var errors = new Dictionary<string, string[]>();
        if (request.Stage is null) errors["stage"] = [Ui.T("请选择阶段：ProjectApprovalAndLandUse、EngineeringConstructionPermit、ConstructionPermit 或 CompletionAcceptance", "the stage is required: ProjectApprovalAndLandUse, EngineeringConstructionPermit, ConstructionPermit or CompletionAcceptance")];
        if (request.Matters?.Any(string.IsNullOrWhiteSpace) == true) errors["matters"] = [Ui.T("事项代码不能为空", "matter codes may not be empty")];
        if (request.Materials?.Any(string.IsNullOrWhiteSpace) == true) errors["materials"] = [Ui.T("材料代码不能为空", "material codes may not be empty")];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("申报信息不完整。", "The application is incomplete."));

        var file = await applications.ApplyAsync(project, new NewApplication(request.Stage!.Value, request.Matters, request.Materials ?? []), ct);
        return TypedResults.Created($"/api/cases/{file.CaseId}", CaseView.From((await cases.FindAsync(file.CaseId, ct))!, catalogue));
    }
}
