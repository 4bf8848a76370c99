using Workflow.Definitions.Appointments;
using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Queueing;

namespace Workflow.Host.Pages.Queue;

/// <summary>
/// A window's calling desk (叫号, <c>/queue/window/{hall}/{window}</c>): call the next ticket, recall, no-show, transfer,
/// finish, and open the intake of the holder's project in one click (docs/queueing.md). Front desk and admin act;
/// supervisors watch; other roles 403.
/// </summary>
public sealed class WindowModel(HallDirectory halls, QueueDesk desk, QueueBoard board, MatterCatalogue catalogue) : LocalizedPageModel
{
    public HallSnapshot Site { get; private set; } = null!;
    public WindowDesk? Desk { get; private set; }
    public QueuePageAction Action { get; } = new();
    public bool MayAct => QueueEndpoints.IsClerk(User);
    [BindProperty] public string? ToCategory { get; set; }
    [BindProperty] public string? ToWindow { get; set; }

    public async Task<IActionResult> OnGetAsync(string? hall, string? window, CancellationToken ct)
    {
        if (!QueueEndpoints.MayWatch(User)) return new ForbidResult();
        return await LoadAsync(hall, window, ct);
    }

    public Task<IActionResult> OnPostCallAsync(string? hall, string? window, CancellationToken ct) =>
        ActAsync(hall, window, () => desk.CallNextAsync(hall, window, AppClaims.UserNameOf(User) ?? "", ct), ct);

    public Task<IActionResult> OnPostRecallAsync(string? hall, string? window, long ticket, CancellationToken ct) =>
        ActAsync(hall, window, async () => (QueueTicketRow?)await desk.RecallAsync(ticket, hall, window, ct), ct);

    public Task<IActionResult> OnPostNoShowAsync(string? hall, string? window, long ticket, CancellationToken ct) =>
        ActAsync(hall, window, async () => (QueueTicketRow?)await desk.NoShowAsync(ticket, hall, window, ct), ct);

    public Task<IActionResult> OnPostFinishAsync(string? hall, string? window, long ticket, CancellationToken ct) =>
        ActAsync(hall, window, async () => (QueueTicketRow?)await desk.FinishAsync(ticket, hall, window, ct), ct);

    public Task<IActionResult> OnPostTransferAsync(string? hall, string? window, long ticket, CancellationToken ct) =>
        ActAsync(hall, window, async () => (QueueTicketRow?)await desk.TransferAsync(ticket, hall, window, ToCategory, ToWindow, ct), ct);

    private async Task<IActionResult> ActAsync(string? hall, string? window, Func<Task<QueueTicketRow?>> action, CancellationToken ct)
    {
        if (!MayAct) return new ForbidResult();
        var done = await Action.RunAsync(async () => (object?)await action() ?? Nothing, catalogue);
        if (done == Nothing) Action.Note = Ui.T("没有等候的号票。", "Nobody is waiting.");
        // Post/redirect/get when it worked, so a reload does not call again.
        if (Action.Status is null && Action.Note is null) return RedirectToPage(new { hall, window });
        var page = await LoadAsync(hall, window, ct);
        if (Action.Status is { } status) Response.StatusCode = status;
        return page;
    }

    private static readonly object Nothing = new();

    private async Task<IActionResult> LoadAsync(string? hall, string? window, CancellationToken ct)
    {
        Site = await halls.SnapshotAsync(ct);
        if (hall is null || window is null) return Page(); // the list of windows to choose from
        Desk = await board.WindowAsync(hall, window, ct);
        return Desk is null ? NotFound() : Page();
    }

    public string CategoryName(string code) => Site.FindCategory(code) is { } c ? Ui.T(c.NameZh, c.NameEn) : code;

    /// <summary>The intake list searched for the holder's project: the clerk's one click from the ticket to the application.</summary>
    public static string IntakeLink(QueueTicketRow ticket) => $"/intake?search={Uri.EscapeDataString(ticket.ProjectCode ?? "")}";

    public static string Reasons(QueueTicketRow ticket) => string.Join(" ", ticket.PriorityReasons.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => r switch
    {
        nameof(QueuePriority.GreenChannel) => Ui.T("绿色通道", "Green channel"),
        nameof(QueuePriority.Elderly) => Ui.T("老年人", "Elderly"),
        nameof(QueuePriority.Disabled) => Ui.T("残疾人", "Disabled"),
        _ => r,
    }));
}
