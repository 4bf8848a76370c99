using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Inbox;

/// <summary>
/// The reviewer's inbox: the department's open steps, green channel first, then by promised due, each with both
/// clocks and their levels. The front desk sees the intake steps, the supervisor and admin every department's
/// (filter with <c>?department=</c>); agents and designers get 403.
/// </summary>
public sealed class IndexModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, InboxQueries inboxes) : LocalizedPageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<InboxEntry> Items { get; private set; } = [];

    public int TotalCount { get; private set; }

    /// <summary>The department whose inbox this is; null = all.</summary>
    public string? Showing { get; private set; }

    public bool MayFilter { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (PageAccess.Deny(access.ReadInbox()) is { } denied) return denied;
        MayFilter = access.Role is UserRole.Supervisor or UserRole.Admin;
        Showing = MayFilter ? (string.IsNullOrWhiteSpace(Department) ? null : Department.Trim()) : access.InboxDepartment;
        PageNumber = Math.Clamp(PageNumber, 1, 100_000); // a huge page number would overflow the offset
        var page = await inboxes.PageAsync(Showing, PageNumber, PageSize, ct);
        TotalCount = page.TotalCount;
        Items = page.Items;
        return Page();
    }
}
