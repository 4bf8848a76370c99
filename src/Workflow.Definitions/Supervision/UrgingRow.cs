using NodaTime;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// A 督办 notice (<c>sup_urgings</c>): a supervisor urges a department about an overdue step and sets a reply due
/// date; the department replies once. Who and when are kept for both (docs/supervision.md, Urging notices).
/// </summary>
public sealed class UrgingRow
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    public required string StepId { get; set; }
    public required string Department { get; set; }
    public required string Message { get; set; }
    public Instant ReplyDue { get; set; }
    public required string IssuedBy { get; set; }
    public Instant IssuedAt { get; set; }
    public string? Reply { get; set; }
    public string? RepliedBy { get; set; }
    public Instant? RepliedAt { get; set; }
}
