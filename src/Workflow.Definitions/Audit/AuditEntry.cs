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
    public Instant At { get; set; }
    public string Actor { get; set; } = "";
    public string Role { get; set; } = "";
    public string Action { get; set; } = "";
    public string? CaseId { get; set; }
    public string? StepId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    /// <summary>The <see cref="Hash"/> of entry <see cref="Sequence"/> − 1 (<see cref="AuditChain.Genesis"/> for the first).</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary>SHA-256 (hex, lower case) of this entry's fields and <see cref="PreviousHash"/>.</summary>
    public string Hash { get; set; } = "";
}
