using NodaTime;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// A 督办 notice (<c>sup_urgings</c>): a supervisor urges a department about an overdue step and sets a reply due
/// date; the department replies once. Who and when are kept for both (docs/supervision.md, Urging notices).
/// </summary>
public sealed class UrgingRow
{
    /// <summary>Assigned by the database in insertion order.</summary>
    public long Id { get; set; }
    /// <summary>The case of the urged step.</summary>
    public required string CaseId { get; set; }
    /// <summary>The open, overdue step the notice urges.</summary>
    public required string StepId { get; set; }
    /// <summary>The department urged: the step's department, who sees the notice and replies.</summary>
    public required string Department { get; set; }
    /// <summary>The supervisor's message.</summary>
    public required string Message { get; set; }
    /// <summary>The instant by which the department must reply.</summary>
    public Instant ReplyDue { get; set; }
    /// <summary>The supervisor who issued the notice.</summary>
    public required string IssuedBy { get; set; }
    /// <summary>When the notice was issued.</summary>
    public Instant IssuedAt { get; set; }
    /// <summary>The department's reply; null until it replies (it replies once).</summary>
    public string? Reply { get; set; }
    /// <summary>Who replied; null until the reply.</summary>
    public string? RepliedBy { get; set; }
    /// <summary>When the reply was given; null until then.</summary>
    public Instant? RepliedAt { get; set; }
}
