using NodaTime;

namespace Workflow.Definitions.Notifications;

/// <summary>
/// One notification (<c>notifications</c>) to one <see cref="Audience"/> (<see cref="NotificationAudience"/>): what
/// happened (<see cref="Kind"/>, with its facts in <see cref="Data"/>, JSON) — never rendered text, so each reader
/// sees it in their language and a later channel (e-mail) renders it its own way (docs/supervision.md, Notifications).
/// </summary>
public sealed class NotificationRow
{
    public long Id { get; set; }
    /// <summary>What happened, <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; set; }
    public required string Audience { get; set; }
    public string? CaseId { get; set; }
    public string? StepId { get; set; }
    /// <summary>The facts the text is made of (JSON object, string values).</summary>
    public string Data { get; set; } = "{}";
    public Instant CreatedAt { get; set; }
}

/// <summary>That <see cref="Reader"/> has read notification <see cref="NotificationId"/> (<c>notification_reads</c>).</summary>
public sealed class NotificationReadRow
{
    public long NotificationId { get; set; }
    public required string Reader { get; set; }
    public Instant ReadAt { get; set; }
}
