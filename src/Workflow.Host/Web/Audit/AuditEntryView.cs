using NodaTime;
using Workflow.Definitions.Audit;

namespace Workflow.Host.Web.Audit;

/// <summary>One audit entry in the API (docs/api.md, <c>GET /api/cases/{id}/audit</c>).</summary>
public sealed record AuditEntryView(long Sequence, Instant At, string Actor, string Role, string Action, string? StepId, string? Before, string? After, string PreviousHash, string Hash)
{
    public static AuditEntryView From(AuditEntry e) => new(e.Sequence, e.At, e.Actor, e.Role, e.Action, e.StepId, e.Before, e.After, e.PreviousHash, e.Hash);
}
