using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;

using Workflow.Host.Web.Json;
using Workflow.Definitions.Materials;

namespace Workflow.Host.Web.Permits.Api;

/// <summary><c>/api/cases/{id}</c>: the case file with its timeline and clocks; the agent supplies or resubmits materials.</summary>
public static class CaseEndpoints
{
    /// <summary>The body of <c>POST /api/cases/{id}/materials</c>: codes of the materials handed in.</summary>
    public sealed record MaterialsRequest(IReadOnlyList<string>? Materials);

    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/cases", ListAsync).WithName("ListCases")
            .WithSummary("Lists cases, most recently changed first: an agent's own, those in a reviewer's or the front desk's inbox, all for supervisor and admin.")
            .WithDescription("Filters: `?state=` (Submitted, WaitingForSupplement, InReview, AwaitingCommitments, Issued, Rejected, Refused, Revoked), `?stage=`, `?overdue=true` (promised deadline passed, still open); `?page=1&pageSize=50`.");
        api.MapGet("/cases/{id}", GetAsync).WithName("GetCase")
            .WithSummary("The case: timeline, open steps, both clocks, materials, commitments, notices, opinions, repeated returns, result.")
            .WithDescription("Its agent, the departments holding one of its steps (the front desk for intake), the supervisor and admin; 404 for anyone else who sees cases.");
        api.MapPost("/cases/{id}/materials", SupplyAsync).WithName("SupplyMaterials")
            .WithSummary("The agent hands in materials (补正 or 容缺 materials): commitments are kept and waiting steps run again.")
            .WithDescription("The case's agent (or admin). A code that is not a material of the case is 422; a closed case is 409.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<PagedList<CaseSummaryView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? state, string? stage, string? overdue, string? page, string? pageSize, ClaimsPrincipal user, CaseQueries cases, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (access.ListCases() is not AccessDecision.Allowed and var decision) return Denied.Because(decision, "cases");
        var (p, size, errors) = Paging.Read(page, pageSize);
        errors ??= [];
        CaseState? caseState = null;
        Stage? caseStage = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (EnumNames.TryParse<CaseState>(state, out var parsed)) caseState = parsed;
            else errors["state"] = [$"state is one of {string.Join(", ", Enum.GetNames<CaseState>())}"];
        }
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (EnumNames.TryParse<Stage>(stage, out var parsed)) caseStage = parsed;
            else errors["stage"] = [$"stage is one of {string.Join(", ", Enum.GetNames<Stage>())}"];
        }
        if (overdue is not null && !bool.TryParse(overdue, out _)) errors["overdue"] = ["overdue is true or false"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The list parameters are not valid.");

        var agent = access.Role == Access.UserRole.Agent ? access.UserName : null;
        var (items, total, _) = await cases.ListAsync(new CaseFilter(agent, access.InboxDepartment, caseState, caseStage,
            overdue is not null && bool.Parse(overdue)), p, size, ct);
        return TypedResults.Ok(new PagedList<CaseSummaryView>(items.Select(CaseSummaryView.From).ToList(), total, p, size));
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, CaseQueries cases, Definitions.Catalogue.MatterCatalogue catalogue, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (await cases.FindAsync(id, ct) is not { } snapshot) return Denied.Because(access.SeeUnknownCase(), $"case {id}");
        if (access.SeeCase(snapshot) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, $"case {id}");
        return TypedResults.Ok(CaseView.From(snapshot, catalogue));
    }

    private static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> SupplyAsync(
        string id, [FromBody] MaterialsRequest request, ClaimsPrincipal user, CaseFiles caseFiles, MaterialSupply materials, CaseQueries cases,
        Definitions.Catalogue.MatterCatalogue catalogue, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        var found = await caseFiles.FindAsync(id, ct);
        if (found is not { } @case) return Denied.Because(access.SupplyToUnknownCase(), $"case {id}");
        if (access.SupplyMaterials(@case.File) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, $"case {id}");
        if (request.Materials is not { Count: > 0 } codes || codes.Any(string.IsNullOrWhiteSpace))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["materials"] = ["name at least one material code, none empty"] },
                title: "No materials were named.");

        await materials.SupplyAsync(id, codes, access.UserName, ct);
        return TypedResults.Ok(CaseView.From((await cases.FindAsync(id, ct))!, catalogue));
    }
}
