using Workflow.Host.Web.Localization;
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
            .WithDescription("The inboxes' list parameters (docs/api.md, Lists): `?search=` (case number or id, project code or name, enterprise, matter code or name), " +
                "`?state=` (Submitted, WaitingForSupplement, InReview, AwaitingCommitments, Issued, Rejected, Refused, Revoked), `?stage=`, `?department=` (cases with a step there), " +
                "`?level=Overdue` (a deadline passed, still open), `?greenChannel=`, `?from=&to=` (filing dates, yyyy-MM-dd, both included), `?sort=due|newest|oldest` " +
                "(none: most recently changed first), `?overdue=true` (promised deadline passed, still open); `?page=1&pageSize=50`. A bad value is 400 naming it.");
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

    /// <summary>
    /// Every parameter is declared (so the OpenAPI document lists it) and read as text through <see cref="ListParameters"/>,
    /// the inboxes' parameters, so that a bad value is a 400 naming it in the request's language (docs/api.md, *Lists*).
    /// </summary>
    private static async Task<Results<Ok<PagedList<CaseSummaryView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? search, string? state, string? stage, string? department, string? level, string? greenChannel, string? from, string? to, string? sort,
        string? overdue, string? page, string? pageSize, ClaimsPrincipal user, CaseQueries cases, MatterCatalogue catalogue,
        Microsoft.Extensions.Options.IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (access.ListCases() is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Cases);
        var given = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["search"] = search, ["state"] = state, ["stage"] = stage, ["department"] = department, ["level"] = level, ["greenChannel"] = greenChannel,
            ["from"] = from, ["to"] = to, ["sort"] = sort, ["page"] = page, ["pageSize"] = pageSize,
        };
        var (parameters, errors) = ListParameters.Read(new QueryCollection(given), catalogue, jurisdiction.Value.Zone, caseStates: true);
        if (overdue is not null && !bool.TryParse(overdue, out _)) errors["overdue"] = [Localization.Ui.T("overdue 须为 true 或 false", "overdue is true or false")];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Localization.Ui.T("列表参数无效。", "The list parameters are not valid."));

        var list = parameters.Filter;
        var agent = access.Role == Access.UserRole.Agent ? access.UserName : null;
        var (items, total, _) = await cases.ListAsync(new CaseFilter(agent, access.InboxDepartment, list.State is { } s ? Enum.Parse<CaseState>(s) : null, list.Stage,
            overdue is not null && bool.Parse(overdue), list, string.IsNullOrWhiteSpace(sort) ? null : list.Sort), parameters.Page, parameters.PageSize, ct);
        return TypedResults.Ok(new PagedList<CaseSummaryView>(items.Select(CaseSummaryView.From).ToList(), total, parameters.Page, parameters.PageSize));
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, CaseQueries cases, Definitions.Catalogue.MatterCatalogue catalogue, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (await cases.FindAsync(id, ct) is not { } snapshot) return Denied.Because(access.SeeUnknownCase(), Subjects.Case(id));
        if (access.SeeCase(snapshot) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Case(id));
        return TypedResults.Ok(CaseView.From(snapshot, catalogue));
    }

    private static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> SupplyAsync(
        string id, [FromBody] MaterialsRequest request, ClaimsPrincipal user, CaseFiles caseFiles, MaterialSupply materials, CaseQueries cases,
        Definitions.Catalogue.MatterCatalogue catalogue, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        var found = await caseFiles.FindAsync(id, ct);
        if (found is not { } @case) return Denied.Because(access.SupplyToUnknownCase(), Subjects.Case(id));
        if (access.SupplyMaterials(@case.File) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.Case(id));
        if (request.Materials is not { Count: > 0 } codes || codes.Any(string.IsNullOrWhiteSpace))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["materials"] = [Ui.T("请至少列出一项材料代码，且不能为空", "name at least one material code, none empty")] },
                title: Ui.T("未列出材料。", "No materials were named."));

        await materials.SupplyAsync(id, codes, access.UserName, ct);
        return TypedResults.Ok(CaseView.From((await cases.FindAsync(id, ct))!, catalogue));
    }
}
