using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Notifications;

namespace Workflow.Host.Pages.Notifications;

/// <summary>The signed-in user's notification preferences: which kinds also come by e-mail (docs/notifications.md, Preferences).</summary>
[Authorize]
public sealed class SettingsModel(NotificationSettings settings) : LocalizedPageModel
{
    public NotificationPreferences Preferences { get; private set; } = NotificationPreferences.Of(null);

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Preferences = NotificationPreferences.Of(await settings.FindAsync(NotificationReader.Of(User).Name, ct));

    public async Task<IActionResult> OnPostAsync(string? email, string? language, string[]? emailKinds, CancellationToken ct)
    {
        Preferences = new NotificationPreferences(email, language, emailKinds ?? []);
        Errors = Preferences.Validate();
        if (Errors.Count > 0) return Page();
        await settings.SaveAsync(Preferences.ToRow(NotificationReader.Of(User)), ct);
        Saved = true;
        return Page();
    }
}
