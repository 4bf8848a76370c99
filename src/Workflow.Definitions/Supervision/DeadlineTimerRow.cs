using NodaTime;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// A pending card timer (<c>sup_timers</c>): at <see cref="FireAt"/> the scheduler turns it into the card of the same
/// <see cref="Id"/>. <see cref="CardTimerProjection"/> keeps the rows in step with the case file in every save: it moves
/// them when a clock's due instant moves and removes them while a clock stands still or once its step closes
/// (docs/supervision.md, Timers).
/// </summary>
public sealed class DeadlineTimerRow : ICardKeyed
{
    /// <summary>The card's key, <see cref="CardKey"/>: one card per subject, clock and level, ever.</summary>
    public required string Id { get; set; }
    /// <inheritdoc />
    public required string CaseId { get; set; }
    /// <summary>The step, or the commitment's material code; null for the case's own clocks.</summary>
    public string? StepId { get; set; }
    /// <inheritdoc />
    public CardSubject Subject { get; set; }
    /// <inheritdoc />
    public CardClock Clock { get; set; }
    /// <inheritdoc />
    public DeadlineLevel Level { get; set; }
    /// <summary>The department the card is recorded against.</summary>
    public required string Department { get; set; }
    /// <summary>When the scheduler fires the timer: the instant the clock reaches <see cref="Level"/>.</summary>
    public Instant FireAt { get; set; }
    /// <summary>The clock's due instant (what the notification names).</summary>
    public Instant DueAt { get; set; }
}
