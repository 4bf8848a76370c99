using Workflow.Definitions.Appointments;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages.Queue;

/// <summary>
/// A hall's display (叫号屏, <c>/queue/display/{hall}</c>, no sign-in): the current call of every window in large type and
/// the last calls, Chinese first, kept live by the board's server-sent events (docs/queueing.md, *Live display across hosts*).
/// </summary>
[AllowAnonymous]
public sealed class DisplayModel(HallDirectory halls, QueueBoard board) : LocalizedPageModel
{
    public Hall Hall { get; private set; } = null!;
    public HallBoard Board { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string hall, CancellationToken ct)
    {
        if ((await halls.SnapshotAsync(ct)).FindHall(hall) is not { } found) return NotFound();
        Hall = found;
        Board = await board.HallAsync(hall, ct);
        return Page();
    }

    /// <summary>"请 A023 号到 3 号窗口办理" in the page's language, as the script says it too.</summary>
    public static string Say(string number, string window) => Ui.T($"请 {number} 号到 {window} 号窗口", $"Number {number}, please go to window {window}");
}
