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
/// admin only (403 otherwise); read only. The counting is <see cref="InboxQueries.OverviewAsync(StepListFilter, int, int, CancellationToken)"/>'s.
/// </summary>
public sealed class IndexModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, InboxQueries inboxes) : LocalizedPageModel
{
    public IReadOnlyList<DepartmentLoad> Departments { get; private set; } = [];

    /// <summary>Open steps in warning or overdue, worst first.</summary>
    public IReadOnlyList<InboxEntry> Attention { get; private set; } = [];

    /// <summary>How many open steps are in warning or overdue; <see cref="Attention"/> shows one page of them.</summary>
    public int AttentionCount { get; private set; }

    /// <summary>The attention list's page (1-based), <see cref="AttentionPageSize"/> steps each.</summary>
    public int AttentionPage { get; private set; } = 1;

    /// <summary>Steps per page of the attention list.</summary>
    public const int AttentionPageSize = 50; // as an inbox page: the page stays small at any scale (docs/supervision.md, "Counting at scale")

    public int TotalCount { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(int page = 1, CancellationToken ct = default)
    {
        var access = new CaseAccess(User);
        if (access.Role is not (UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        AttentionPage = Math.Max(1, page);
        var overview = await inboxes.OverviewAsync(AttentionPage, AttentionPageSize, ct);
        AttentionCount = overview.AttentionCount;
        TotalCount = overview.TotalCount;
        Departments = overview.Departments;
        Attention = overview.Attention;
        return Page();
    }
}
