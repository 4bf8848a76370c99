using Workflow.Definitions.Appointments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Public;

namespace Workflow.Host.Pages.Queue;

/// <summary>
/// A holder follows their ticket from the phone (<c>/queue/ticket</c>, no sign-in): the number and the code printed on
/// the ticket show its state, how many are ahead and, once called, the window — nothing else. The code is posted, not
/// carried in the address; the page then refreshes through the API. Rate-limited per client like the public lookup.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class TicketModel(QueueBoard board, HallDirectory halls) : LocalizedPageModel
{
    [BindProperty] public string? Number { get; set; }
    [BindProperty] public string? Code { get; set; }
    public TicketPosition? Position { get; private set; }
    public bool Unknown { get; private set; }
    public HallSnapshot Site { get; private set; } = null!;

    public async Task OnGetAsync(string? number, CancellationToken ct)
    {
        Number = number;
        Site = await halls.SnapshotAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Site = await halls.SnapshotAsync(ct);
        Position = await board.PositionAsync(Number, Code, ct);
        Unknown = Position is null;
        if (Unknown) Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public static string State(TicketState state) => state switch
    {
        TicketState.Waiting => Ui.T("等候中", "Waiting"),
        TicketState.Called => Ui.T("已叫号，请前往窗口", "Called: go to the window"),
        TicketState.Served => Ui.T("已办结", "Served"),
        _ => Ui.T("已过号", "Missed (no-show)"),
    };
}
