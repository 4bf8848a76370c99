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

/// <summary>
/// The intake window (一窗受理): open intake steps with what each application lacks, paged, searchable and filterable
/// server-side (<see cref="StepListView"/>), and the window's handled list (已办, <c>?view=handled</c>). Front desk,
/// supervisor and admin; others 403.
/// </summary>
public sealed class IndexModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, InboxQueries inboxes, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel
{
    public StepListView List { get; private set; } = null!;

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (access.Role is not (UserRole.FrontDesk or UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        List = StepListView.Read(Request, catalogue, jurisdiction.Value);
        await List.LoadAsync(inboxes, PermitActivity.FrontDesk, ct);
        if (List.Errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public string Time(Instant instant) => PageTime.Format(instant, jurisdiction.Value.Zone);
}
