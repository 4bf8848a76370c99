using NodaTime;

namespace Workflow.Definitions.Feedback;

/// <summary>
/// 投诉: an agent's complaint about a step or a department (<c>fb_complaints</c>), with its handler (a supervisor), the
/// reply and its state (docs/feedback.md, Complaints).
/// </summary>
public sealed class ComplaintRow
{
    /// <summary>Assigned by the database in insertion order; the complaint's number in the API and on the pages.</summary>
    public long Id { get; set; }
    /// <summary>The case the complaint is about.</summary>
    public required string CaseId { get; set; }
    /// <summary>The step complained about; null for a complaint about a department as a whole.</summary>
    public string? StepId { get; set; }
    /// <summary>The department complained about (the step's, or the one named); <c>frontdesk</c> for the window.</summary>
    public required string Department { get; set; }
    /// <summary>The user name of the project agent who filed it; agents see only their own complaints.</summary>
    public required string Agent { get; set; }
    /// <summary>What the agent complains of, as written.</summary>
    public required string Text { get; set; }
    /// <summary>When the complaint was filed.</summary>
    public Instant FiledAt { get; set; }
    /// <summary>
    /// Where the complaint stands (<see cref="ComplaintState"/>); each change checks the state it starts from.
    /// </summary>
    public ComplaintState State { get; set; }
    /// <summary>The supervisor who took the complaint; null until one takes it.</summary>
    public string? Handler { get; set; }
    /// <summary>When the handler took it; null until a supervisor takes it.</summary>
    public Instant? TakenAt { get; set; }
    /// <summary>The handler's reply; null until answered.</summary>
    public string? Reply { get; set; }
    /// <summary>When the reply was given; null until answered.</summary>
    public Instant? AnsweredAt { get; set; }
    /// <summary>Who closed it, the agent or a supervisor; null while it is not closed.</summary>
    public string? ClosedBy { get; set; }
    /// <summary>When it was closed; null while it is not closed.</summary>
    public Instant? ClosedAt { get; set; }
}
