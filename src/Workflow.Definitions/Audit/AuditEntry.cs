using NodaTime;

namespace Workflow.Definitions.Audit;

/// <summary>
/// A row of <c>audit_entries</c>: one link of the hash chain. <see cref="Hash"/> is the SHA-256 of the entry's fields and
/// <see cref="PreviousHash"/> (<see cref="AuditChain.HashOf"/>), so changing, inserting or deleting a row breaks the chain
/// at that row (docs/audit.md).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>1, 2, 3 … without gaps, in append order (the primary key: two writers can never both append n).</summary>
    public long Sequence { get; set; }
    /// <summary>The instant of the change (stored as nanoseconds since the Unix epoch, docs/persistence.md).</summary>
    public Instant At { get; set; }
    /// <summary>
    /// The user name of whoever made the change; <c>system</c> for timers and start-up work, <c>anonymous</c> for
    /// failed sign-ins (docs/audit.md, "The table").
    /// </summary>
    public string Actor { get; set; } = "";
    /// <summary>
    /// The role the actor acted in (<c>agent</c>, <c>frontdesk</c>, <c>reviewer:&lt;department&gt;</c>,
    /// <c>supervisor</c>, <c>admin</c>, <c>designer</c>, <c>system</c>).
    /// </summary>
    public string Role { get; set; } = "";
    /// <summary>
    /// What happened, one of the actions listed in docs/audit.md, "What is recorded" (for example <c>step.acted</c>).
    /// </summary>
    public string Action { get; set; } = "";
    /// <summary>The case the change belongs to; null for changes outside a case (bindings, sign-ins).</summary>
    public string? CaseId { get; set; }
    /// <summary>The step the change belongs to; null when the change concerns the whole case or no case.</summary>
    public string? StepId { get; set; }
    /// <summary>Short text of the state before the change; null when the thing is new.</summary>
    public string? Before { get; set; }
    /// <summary>Short text of the state after the change; null when the thing is gone.</summary>
    public string? After { get; set; }
    /// <summary>The <see cref="Hash"/> of entry <see cref="Sequence"/> − 1 (<see cref="AuditChain.Genesis"/> for the first).</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary>SHA-256 (hex, lower case) of this entry's fields and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; set; } = "";
}
