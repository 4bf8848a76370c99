using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Tracking;

namespace Workflow.Host.Pages.Intake;

/// <summary>The intake window (一窗受理): open intake steps, oldest first, with what each application lacks. Front desk, supervisor and admin; others 403.</summary>
public sealed class IndexModel(PermitService permits, IClock clock) : LocalizedPageModel
{
    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    public int TotalCount { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => permits.Catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (access.Role is not (UserRole.FrontDesk or UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        var (rows, total) = await permits.InboxAsync(PermitActivity.FrontDesk, 1, 500, ct);
        TotalCount = total;
        Items = await InboxItem.LoadAsync(permits, rows, clock.GetCurrentInstant(), ct);
        return Page();
    }

    public string Time(CaseFile file, Instant instant) => PageTime.Format(instant, permits.CalendarOf(file).Zone);
}
