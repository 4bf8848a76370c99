using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Web.Audit;

/// <summary><c>GET /api/cases/{id}/audit</c>: a case's entries on the audit chain (docs/audit.md, "Who may read it").</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Audit").RequireAuthorization(AccessPolicies.SignedIn)
            .MapGet("/cases/{id}/audit", GetAsync).WithName("GetCaseAudit")
            .WithSummary("The case's audit entries in chain order: who, role, what, step, instant, before, after, previous hash, hash.")
            .WithDescription("The supervisor and admin. Anyone else who may see the case gets 403; who may not see it (or an unknown id) 404.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>Who may read a case's audit trail: the supervisor and admin; the case must be visible to the caller first (else 404).</summary>
    public static AccessDecision ReadAudit(CaseAccess access, CaseSnapshot snapshot) =>
        access.SeeCase(snapshot) is not AccessDecision.Allowed and var seen ? seen
        : access.Role is UserRole.Supervisor or UserRole.Admin ? AccessDecision.Allowed : AccessDecision.Forbidden;

    private static async Task<Results<Ok<IReadOnlyList<AuditEntryView>>, ProblemHttpResult>> GetAsync(
        string id, ClaimsPrincipal user, CaseQueries cases, AuditTrail audit, CancellationToken ct)
    {
        var access = new CaseAccess(user);
        if (await cases.FindAsync(id, ct) is not { } snapshot) return Denied.Because(access.SeeUnknownCase(), $"case {id}");
        if (ReadAudit(access, snapshot) is not AccessDecision.Allowed and var decision) return Denied.Because(decision, $"the audit trail of case {id}");
        return TypedResults.Ok<IReadOnlyList<AuditEntryView>>([.. (await audit.ForCaseAsync(id, ct)).Select(AuditEntryView.From)]);
    }
}
