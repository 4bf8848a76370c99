using System.Net.Mail;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Definitions.Notifications;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Notifications;

/// <summary>
/// A user's notification preferences as the settings page and <c>PUT /api/notifications/settings</c> take them
/// (docs/notifications.md, Preferences): every kind is in-app; the kinds in <see cref="EmailKinds"/> also come by e-mail
/// to <see cref="Email"/>, in <see cref="Language"/>.
/// </summary>
public sealed record NotificationPreferences(string? Email, string? Language, IReadOnlyList<string>? EmailKinds)
{
    /// <summary>The kinds a user may choose from, and the languages an e-mail can be written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    /// <summary>The preferences of <paramref name="row"/> (none saved: no e-mail, Chinese).</summary>
    public static NotificationPreferences Of(NotificationSettingRow? row) =>
        new(row?.Email, row?.Language ?? "zh-CN", row?.EmailKindList ?? []);

    /// <summary>Field errors in the request's language (the API's Accept-Language, the page's culture); empty when the preferences can be saved.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(Email) && !IsAddress(Email.Trim()))
            errors["email"] = [Ui.T("电子邮箱格式不正确", "The e-mail address is not valid.")];
        if (Language is not null && !Languages.Contains(Language))
            errors["language"] = [Ui.T("语言只能是 zh-CN 或 en", "The language must be zh-CN or en.")];
        if ((EmailKinds ?? []).FirstOrDefault(k => !NotificationKinds.All.Contains(k)) is { } unknown)
            errors["emailKinds"] = [Ui.T($"未知的通知类型 {unknown}", $"Unknown notification kind {unknown}.")];
        if ((EmailKinds ?? []).Count > 0 && string.IsNullOrWhiteSpace(Email))
            errors["email"] = [Ui.T("选择邮件通知须填写电子邮箱", "An e-mail address is needed for e-mail notifications.")];
        return errors;
    }

    /// <summary>The row to save for <paramref name="reader"/> (validated first).</summary>
    public NotificationSettingRow ToRow(NotificationReader reader) => new()
    {
        Reader = reader.Name,
        // A user reads one audience (NotificationReader); their e-mails follow it.
        Audience = reader.Audiences.FirstOrDefault() ?? "",
        Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
        Language = Language ?? "zh-CN",
        EmailKinds = string.Join(",", NotificationKinds.All.Where(k => (EmailKinds ?? []).Contains(k))),
    };

    private static bool IsAddress(string text) =>
        text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);
}
