using NodaTime;

namespace Workflow.Definitions.Notifications;

/// <summary>
/// One notification (<c>notifications</c>) to one <see cref="Audience"/> (<see cref="NotificationAudience"/>): what
/// happened (<see cref="Kind"/>, with its facts in <see cref="Data"/>, JSON) — never rendered text, so each reader
/// sees it in their language and a later channel (e-mail) renders it its own way (docs/supervision.md, Notifications).
/// </summary>
public sealed class NotificationRow
{
    /// <summary>Assigned by the database in insertion order; the newest notifications have the highest ids.</summary>
    public long Id { get; set; }
    /// <summary>What happened, <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; set; }
    /// <summary>Who the notification is for (<see cref="NotificationAudience"/>).</summary>
    public required string Audience { get; set; }
    /// <summary>The case it is about; null for notifications about no case.</summary>
    public string? CaseId { get; set; }
    /// <summary>The step it is about; null when it concerns the whole case or no case.</summary>
    public string? StepId { get; set; }
    /// <summary>The facts the text is made of (JSON object, string values).</summary>
    public string Data { get; set; } = "{}";
    /// <summary>When the notification was staged (the commit of what it tells of).</summary>
    public Instant CreatedAt { get; set; }
}

/// <summary>That <see cref="Reader"/> has read notification <see cref="NotificationId"/> (<c>notification_reads</c>).</summary>
public sealed class NotificationReadRow
{
    /// <summary>The notification read (<see cref="NotificationRow.Id"/>).</summary>
    public long NotificationId { get; set; }
    /// <summary>The user name (lower case) of the reader; read marks are per user, not per audience.</summary>
    public required string Reader { get; set; }
    /// <summary>When the reader marked it read.</summary>
    public Instant ReadAt { get; set; }
}
