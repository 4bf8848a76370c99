using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Inbox;

/// <summary>
/// The reviewer's inbox: the department's open steps, green channel first, then by promised due, each with both
/// clocks and their levels; paged, searchable and filterable server-side (<see cref="StepListView"/>), and the
/// department's handled list (已办, <c>?view=handled</c>). The front desk sees the intake steps, the supervisor and
/// admin every department's (filter with <c>?department=</c>); agents and designers get 403.
/// </summary>
public sealed class IndexModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, InboxQueries inboxes, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel
{
    public StepListView List { get; private set; } = null!;

    /// <summary>The department whose inbox this is; null = all.</summary>
    public string? Showing { get; private set; }

    public bool MayFilter { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (PageAccess.Deny(access.ReadInbox()) is { } denied) return denied;
        MayFilter = access.Role is UserRole.Supervisor or UserRole.Admin;
        List = StepListView.Read(Request, catalogue, jurisdiction.Value);
        Showing = MayFilter ? List.Parameters.Filter.Department : access.InboxDepartment;
        await List.LoadAsync(inboxes, Showing, ct);
        if (List.Errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
