using Workflow.Definitions.Appointments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Queueing;

namespace Workflow.Host.Pages.Queue;

/// <summary>
/// The in-hall kiosk (取号机, <c>/queue/kiosk/{hall}</c>, no sign-in): check in an appointment or take a walk-in ticket with
/// the ID-card number, and see the printed ticket — its number, the follow code and where to follow it (docs/queueing.md).
/// </summary>
[AllowAnonymous]
public sealed class KioskModel(HallDirectory halls, QueueDesk desk, QueueBoard board, MatterCatalogue catalogue) : LocalizedPageModel
{
    public HallSnapshot Site { get; private set; } = null!;
    public Hall? Hall { get; private set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? IdNumber { get; set; }
    [BindProperty] public string? ProjectCode { get; set; }
    [BindProperty] public bool Disabled { get; set; }
    public QueueTicketRow? Issued { get; private set; }
    public int Ahead { get; private set; }
    public QueuePageAction Action { get; } = new();

    public async Task<IActionResult> OnGetAsync(string? hall, CancellationToken ct) => await LoadAsync(hall, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostCheckInAsync(string? hall, CancellationToken ct) => IssueAsync(hall, r => desk.CheckInAsync(r, ct), ct);

    public Task<IActionResult> OnPostWalkInAsync(string? hall, CancellationToken ct) => IssueAsync(hall, async r => (QueueTicketRow?)await desk.WalkInAsync(r, ct), ct);

    private async Task<IActionResult> IssueAsync(string? hall, Func<TicketRequest, Task<QueueTicketRow?>> issue, CancellationToken ct)
    {
        if (!await LoadAsync(hall, ct) || Hall is null) return NotFound();
        var agent = AppClaims.RoleOf(User) == UserRole.Agent ? AppClaims.UserNameOf(User) : null;
        Issued = await Action.RunAsync<QueueTicketRow>(() => issue(new TicketRequest(Hall.Code, Category, IdNumber, ProjectCode, Disabled, agent)), catalogue);
        if (Issued is null && Action.Status is null) (Action.Conflict, Action.Status) = (Ui.T("没有找到该预约。", "There is no such appointment."), StatusCodes.Status404NotFound);
        if (Issued is not null) Ahead = (await board.PositionAsync(Issued.Number, Issued.Code, ct))?.Ahead ?? 0;
        if (Action.Status is { } status) Response.StatusCode = status;
        IdNumber = null; // never echoed back into the form
        return Page();
    }

    private async Task<bool> LoadAsync(string? hall, CancellationToken ct)
    {
        Site = await halls.SnapshotAsync(ct);
        Hall = Site.FindHall(hall);
        return hall is null || Hall is not null;
    }

    public string CategoryName(string code) => Site.FindCategory(code) is { } c ? Ui.T(c.NameZh, c.NameEn) : code;
}
