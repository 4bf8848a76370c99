using NodaTime;

namespace Workflow.Definitions.NotificationDelivery;

/// <summary>
/// One e-mail to send (<c>notification_outbox</c>, docs/notifications.md, E-mail): written in the transaction of the
/// event it tells of, with the notification's kind and facts (rendered when sent, in <see cref="Language"/>), then
/// claimed, sent and marked by a delivery worker. <see cref="ClaimedUntil"/> is the lease that keeps a second worker
/// off it; a failure counts an <see cref="Attempts"/> and waits until <see cref="NextAttemptAt"/>; after the last
/// attempt <see cref="FailedAt"/> is set and the admin sees it.
/// </summary>
public sealed class OutboxMessageRow
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public required string Reader { get; set; }
    public required string Email { get; set; }
    public string Language { get; set; } = "zh-CN";
    public string? CaseId { get; set; }
    public string? StepId { get; set; }
    public string Data { get; set; } = "{}";
    public Instant CreatedAt { get; set; }
    public int Attempts { get; set; }
    public Instant NextAttemptAt { get; set; }
    public Instant? ClaimedUntil { get; set; }
    public Instant? SentAt { get; set; }
    public Instant? FailedAt { get; set; }
    public string? LastError { get; set; }
}
