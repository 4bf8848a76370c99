using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Web.Audit;

/// <summary>One page of a case's audit trail (<c>{items, totalCount, page, pageSize}</c> as every list) with the case's number.</summary>
public sealed record AuditList(string CaseId, string? CaseNumber, IReadOnlyList<AuditEntryView> Items, int TotalCount, int Page, int PageSize);

/// <summary><c>GET /api/cases/{id}/audit</c>: a case's entries on the audit chain, paged (docs/audit.md, "Who may read it"; docs/api.md, *Lists*).</summary>
public static class AuditEndpoints
{
    /// <summary>The longest <c>actor</c> or <c>action</c> read; longer is a 400 naming it.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The lists' parameters an audit trail has no use for: given, each is a 400 naming it.</summary>
    private static readonly string[] NotRead = ["stage", "department", "level", "greenChannel"];

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Audit").RequireAuthorization(AccessPolicies.SignedIn)
            .MapGet("/cases/{id}/audit", GetAsync).WithName("GetCaseAudit")
            .WithSummary("One page of the case's audit entries in chain order: who, role, what, step, instant, before, after, previous hash, hash.")
            .WithDescription("The supervisor and admin. Anyone else who may see the case gets 403; who may not see it (or an unknown id) 404. " +
                "The lists' parameters (docs/api.md, Lists): `?search=` (actor, action, before or after text), `?actor=` (a user name), `?action=` (an action, " +
                "or its family: `step` for `step.*`), `?from=&to=` (yyyy-MM-dd, both included), `?sort=due|oldest|newest` (due: chain order), `?page=1&pageSize=50`. " +
                "A bad value, or `state`, `stage`, `department`, `level`, `greenChannel`, is 400 naming it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Who may read a case's audit trail: the supervisor and admin; the case must be visible to the caller first (else 404).</summary>
    public static AccessDecision ReadAudit(CaseAccess access, CaseSnapshot snapshot) =>
        access.SeeCase(snapshot) is not AccessDecision.Allowed and var seen ? seen
        : access.Role is UserRole.Supervisor or UserRole.Admin ? AccessDecision.Allowed : AccessDecision.Forbidden;

    /// <summary>Reads the audit list's parameters: the lists' that apply, <c>actor</c> and <c>action</c>; errors name the parameter in the request's language.</summary>
    public static (ListParameters Parameters, string? Actor, string? Action, Dictionary<string, string[]> Errors) ReadParameters(IQueryCollection query, MatterCatalogue catalogue,
        NodaTime.DateTimeZone zone)
    {
        var (parameters, errors) = ListParameters.ReadWithoutState(query, catalogue, zone, NotRead);
        string? Name(string parameter)
        {
            var text = query.TryGetValue(parameter, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
            if (text?.Length > MaxNameLength)
            {
                errors[parameter] = [Ui.T($"{parameter} 最多 {MaxNameLength} 个字符", $"{parameter} has at most {MaxNameLength} characters")];
                return null;
            }
            return text;
        }
        return (parameters, Name("actor"), Name("action"), errors);
    }

    private static async Task<Results<Ok<AuditList>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, string? search, string? actor, string? action, string? from, string? to, string? sort, string? page, string? pageSize,
        HttpRequest request, ClaimsPrincipal user, CaseQueries cases, AuditTrail audit, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (await cases.FindAsync(id, ct) is not { } snapshot) return Denied.Because(access.SeeUnknownCase(), Subjects.Case(id));
        if (ReadAudit(access, snapshot) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, Subjects.AuditTrail(id));
        var given = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["search"] = search, ["actor"] = actor, ["action"] = action, ["from"] = from, ["to"] = to, ["sort"] = sort, ["page"] = page, ["pageSize"] = pageSize,
        };
        foreach (var name in NotRead.Append("state")) given[name] = request.Query[name];
        var (parameters, onlyActor, onlyAction, errors) = ReadParameters(new QueryCollection(given), catalogue, jurisdiction.Value.Zone);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("列表参数无效。", "The list parameters are not valid."));
        var found = await audit.PageAsync(id, parameters.Filter, onlyActor, onlyAction, parameters.Page, parameters.PageSize, ct);
        return TypedResults.Ok(new AuditList(id, snapshot.CaseNumber, [.. found.Items.Select(AuditEntryView.From)], found.TotalCount, parameters.Page, parameters.PageSize));
    }
}
