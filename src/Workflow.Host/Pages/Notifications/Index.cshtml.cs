using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Notifications;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Notifications;

namespace Workflow.Host.Pages.Notifications;

/// <summary>The signed-in user's notifications (通知中心), newest first, with mark read and mark all read (docs/supervision.md, Notifications).</summary>
[Authorize]
public sealed class IndexModel(NotificationCentre centre, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel
{
    public IReadOnlyList<(NotificationItem Item, string Text)> Items { get; private set; } = [];

    public NodaTime.DateTimeZone Zone => jurisdiction.Value.Zone;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var reader = NotificationReader.Of(User);
        var items = await centre.ListAsync(reader.Audiences, reader.Name, 200, null, ct);
        Items = items.Select(i => (i, NotificationText.Of(i, catalogue, Zone))).ToList();
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        var reader = NotificationReader.Of(User);
        return await centre.MarkReadAsync(id, reader.Audiences, reader.Name, ct) ? RedirectToPage() : NotFound();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var reader = NotificationReader.Of(User);
        await centre.MarkAllReadAsync(reader.Audiences, reader.Name, ct);
        return RedirectToPage();
    }
}
