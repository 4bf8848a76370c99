namespace Workflow.Definitions.NotificationDelivery;

/// <summary>
/// One user's notification settings (<c>notification_settings</c>, docs/notifications.md): the audience they read
/// (<see cref="Notifications.NotificationAudience"/>, kept by the Host when they save), their e-mail address and
/// language, and the kinds that should also come by e-mail. Every kind is always in-app.
/// </summary>
public sealed class NotificationSettingRow
{
    /// <summary>The user name (lower case), as their read marks are kept.</summary>
    public required string Reader { get; set; }
    public required string Audience { get; set; }
    public string? Email { get; set; }
    /// <summary><c>zh-CN</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "zh-CN";
    /// <summary>The kinds also sent by e-mail, comma-separated (<see cref="Notifications.NotificationKinds"/>).</summary>
    public string EmailKinds { get; set; } = "";

    public IReadOnlyList<string> EmailKindList => EmailKinds.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
