using NodaTime;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// A fired card (<c>sup_cards</c>): 黄牌 at <see cref="DeadlineLevel.Warning"/>, 红牌 at <see cref="DeadlineLevel.Overdue"/>,
/// recorded against <see cref="Department"/>. Durable and never changed; the key makes it exist at most once
/// (docs/supervision.md, Cards).
/// </summary>
public sealed class CardRow : ICardKeyed
{
    /// <inheritdoc />
    public required string Id { get; set; }
    /// <inheritdoc />
    public required string CaseId { get; set; }
    /// <inheritdoc />
    public string? StepId { get; set; }
    /// <inheritdoc />
    public CardSubject Subject { get; set; }
    /// <inheritdoc />
    public CardClock Clock { get; set; }
    /// <inheritdoc />
    public DeadlineLevel Level { get; set; }
    /// <inheritdoc />
    public required string Department { get; set; }
    /// <summary>When the clock reached the level (the timer's instant).</summary>
    public Instant DueLevelAt { get; set; }
    /// <summary>The clock's due instant.</summary>
    public Instant DueAt { get; set; }
    /// <summary>When the scheduler recorded it (later than <see cref="DueLevelAt"/> after downtime).</summary>
    public Instant FiredAt { get; set; }
}
