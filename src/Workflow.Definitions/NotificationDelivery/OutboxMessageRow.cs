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
    /// <summary>Assigned by the database in insertion order; due messages are claimed oldest first.</summary>
    public long Id { get; set; }
    /// <summary>The notification kind the e-mail tells of (<see cref="Notifications.NotificationKinds"/>).</summary>
    public required string Kind { get; set; }
    /// <summary>The user name (lower case) the e-mail is for.</summary>
    public required string Reader { get; set; }
    /// <summary>The address as it stood when the message was staged.</summary>
    public required string Email { get; set; }
    /// <summary>The reader's language when staged, <c>zh-CN</c> or <c>en</c>: the e-mail is rendered in it.</summary>
    public string Language { get; set; } = "zh-CN";
    /// <summary>The case the e-mail is about; null for none.</summary>
    public string? CaseId { get; set; }
    /// <summary>The step the e-mail is about; null when it concerns the whole case or no case.</summary>
    public string? StepId { get; set; }
    /// <summary>The facts the text is made of (JSON object, string values), as in the notification.</summary>
    public string Data { get; set; } = "{}";
    /// <summary>When the message was staged.</summary>
    public Instant CreatedAt { get; set; }
    /// <summary>How many sends have failed so far.</summary>
    public int Attempts { get; set; }
    /// <summary>
    /// When the message may next be claimed: its staging instant, then after each failure the backoff of <see
    /// cref="EmailOutboxPolicy"/>.
    /// </summary>
    public Instant NextAttemptAt { get; set; }
    /// <summary>The end of the current worker's lease; null when no worker holds it.</summary>
    public Instant? ClaimedUntil { get; set; }
    /// <summary>When the e-mail was sent; null until then.</summary>
    public Instant? SentAt { get; set; }
    /// <summary>When the last attempt failed and the message was given up; null while it may still be sent.</summary>
    public Instant? FailedAt { get; set; }
    /// <summary>The error of the last failed attempt; null when none failed.</summary>
    public string? LastError { get; set; }
}
