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
    /// <summary>
    /// The audience the user reads (<see cref="Notifications.NotificationAudience"/>), kept by the Host when the
    /// settings are saved, so e-mails can be staged without knowing users.
    /// </summary>
    public required string Audience { get; set; }
    /// <summary>The address e-mails go to; null when the user gave none (then nothing is sent by e-mail).</summary>
    public string? Email { get; set; }
    /// <summary><c>zh-CN</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "zh-CN";
    /// <summary>The kinds also sent by e-mail, comma-separated (<see cref="Notifications.NotificationKinds"/>).</summary>
    public string EmailKinds { get; set; } = "";

    /// <summary><see cref="EmailKinds"/> as a list.</summary>
    public IReadOnlyList<string> EmailKindList => EmailKinds.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
