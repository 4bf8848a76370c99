using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Intake;

/// <summary>The intake window (一窗受理): open intake steps, oldest first, with what each application lacks. Front desk, supervisor and admin; others 403.</summary>
public sealed class IndexModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, InboxQueries inboxes, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel
{
    public IReadOnlyList<InboxEntry> Items { get; private set; } = [];

    public int TotalCount { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (access.Role is not (UserRole.FrontDesk or UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        var page = await inboxes.PageAsync(PermitActivity.FrontDesk, 1, 500, ct);
        TotalCount = page.TotalCount;
        Items = page.Items;
        return Page();
    }

    public string Time(Instant instant) => PageTime.Format(instant, jurisdiction.Value.Zone);
}
