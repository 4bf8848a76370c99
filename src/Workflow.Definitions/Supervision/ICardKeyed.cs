using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// What identifies a card, on the pending timer and on the card it becomes: one card per case, subject, clock and
/// level, recorded against a department (docs/supervision.md, Cards).
/// </summary>
public interface ICardKeyed
{
    /// <summary>The card's key, <see cref="CardKey"/>.</summary>
    string Id { get; }
    /// <summary>The case the card is about.</summary>
    string CaseId { get; }
    /// <summary>The step, or the commitment's material code; null for the case's own clocks.</summary>
    string? StepId { get; }
    /// <summary>A step's, the case's or a commitment's clock.</summary>
    CardSubject Subject { get; }
    /// <summary>Promised or statutory.</summary>
    CardClock Clock { get; }
    /// <summary>Warning (黄牌) or overdue (红牌).</summary>
    DeadlineLevel Level { get; }
    /// <summary>The department the card is recorded against.</summary>
    string Department { get; }
}
