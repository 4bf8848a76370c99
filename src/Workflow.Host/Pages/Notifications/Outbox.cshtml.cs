using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Notifications.Delivery;

namespace Workflow.Host.Pages.Notifications;

/// <summary>The e-mail outbox for the admin: whether SMTP is on, what waits, and the failures (docs/notifications.md, E-mail).</summary>
[Authorize(Policy = AccessPolicies.Administer)]
public sealed class OutboxModel(EmailOutbox outbox, IOptions<SmtpOptions> smtp, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel
{
    public OutboxCounts Counts { get; private set; } = new(0, 0, 0);
    public IReadOnlyList<OutboxMessageRow> Failures { get; private set; } = [];
    public bool Enabled => smtp.Value.Enabled;
    public NodaTime.DateTimeZone Zone => jurisdiction.Value.Zone;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Counts = await outbox.CountsAsync(ct);
        Failures = await outbox.TroubleAsync(200, ct);
    }
}
