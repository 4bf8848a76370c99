using NodaTime;

namespace Workflow.Definitions.Feedback;

/// <summary>
/// 投诉: an agent's complaint about a step or a department (<c>fb_complaints</c>), with its handler (a supervisor), the
/// reply and its state (docs/feedback.md, Complaints).
/// </summary>
public sealed class ComplaintRow
{
    public long Id { get; set; }
    public required string CaseId { get; set; }
    /// <summary>The step complained about; null for a complaint about a department as a whole.</summary>
    public string? StepId { get; set; }
    /// <summary>The department complained about (the step's, or the one named); <c>frontdesk</c> for the window.</summary>
    public required string Department { get; set; }
    public required string Agent { get; set; }
    public required string Text { get; set; }
    public Instant FiledAt { get; set; }
    public ComplaintState State { get; set; }
    public string? Handler { get; set; }
    public Instant? TakenAt { get; set; }
    public string? Reply { get; set; }
    public Instant? AnsweredAt { get; set; }
    public string? ClosedBy { get; set; }
    public Instant? ClosedAt { get; set; }
}
