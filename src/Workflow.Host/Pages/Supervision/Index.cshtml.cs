using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Supervision;

/// <summary>
/// The supervisor's overview (效能监察): every open step grouped by department, with how many are on time, in
/// warning, overdue and waiting for the applicant, then the warning and overdue steps themselves. Supervisor and
/// admin only (403 otherwise); read only. The counting is <see cref="InboxQueries.OverviewAsync"/>'s.
/// </summary>
public sealed class IndexModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, InboxQueries inboxes) : LocalizedPageModel
{
    public IReadOnlyList<DepartmentLoad> Departments { get; private set; } = [];

    /// <summary>Open steps in warning or overdue, worst first.</summary>
    public IReadOnlyList<InboxEntry> Attention { get; private set; } = [];

    public int TotalCount { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (access.Role is not (UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        var overview = await inboxes.OverviewAsync(ct);
        TotalCount = overview.TotalCount;
        Departments = overview.Departments;
        Attention = overview.Attention;
        return Page();
    }
}
