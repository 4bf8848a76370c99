using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.PublicLookup;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Public;

namespace Workflow.Host.Pages.Public;

/// <summary>
/// 查询办件进度 (<c>/lookup</c>, no sign-in): the case number and query code from the acceptance notice show the case's
/// <see cref="PublicProgress"/> and nothing else. The form posts (a code in a URL would end up in logs and histories);
/// a wrong code and an unknown number read the same; rate-limited per client like the API (docs/public.md).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class LookupModel(PublicCaseLookup lookup, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel
{
    [BindProperty] public string? CaseNumber { get; set; }
    [BindProperty] public string? Code { get; set; }
    public PublicProgress? Progress { get; private set; }
    public bool Unknown { get; private set; }
    public MatterCatalogue Catalogue => catalogue;
    public DateTimeZone Zone => jurisdiction.Value.Zone;

    public void OnGet(string? number) => CaseNumber = number;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Progress = await lookup.FindAsync(CaseNumber, Code, ct);
        Unknown = Progress is null;
        if (Unknown) Response.StatusCode = StatusCodes.Status404NotFound;
        Code = null; // never echoed back into the page
        return Page();
    }

    public static string ProgressText(MatterProgress progress) => progress switch
    {
        MatterProgress.InReview => Ui.T("审查中", "In review"),
        MatterProgress.WaitingForSupplement => Ui.T("待补正", "Waiting for supplement"),
        MatterProgress.Completed => Ui.T("已完成", "Completed"),
        _ => Ui.T("未开始", "Not started"),
    };

    /// <summary>
    /// Why the clocks stand still, from the suspension's cause (docs/public.md): a supplement, a special procedure with its
    /// kind, start and planned end, or — for a cause in the workflow's own words, which the public is not shown — that
    /// they stopped and since when.
    /// </summary>
    public static string HoldText(PublicHold? hold, DateTimeZone zone) => hold switch
    {
        { Cause: PublicHoldCause.SpecialProcedure, Procedure: { } kind } =>
            Ui.T($"（特别程序：{Labels.Procedure(kind)}，不计入办理时限；自 {PageTime.Format(hold.Start, zone)}", $" (special procedure: {Labels.Procedure(kind)}, not counted; from {PageTime.Format(hold.Start, zone)}")
            + (hold.PlannedEnd is { } end ? Ui.T($"，计划结束 {PageTime.Format(end, zone)}）", $", planned end {PageTime.Format(end, zone)})") : Ui.T("）", ")")),
        { Cause: PublicHoldCause.Supplement } => Ui.T($"（计时暂停：等待申请人补正，自 {PageTime.Format(hold.Start, zone)}）", $" (clock stopped: waiting for the applicant's supplement, from {PageTime.Format(hold.Start, zone)})"),
        { } other => Ui.T($"（计时暂停，自 {PageTime.Format(other.Start, zone)}）", $" (clock stopped from {PageTime.Format(other.Start, zone)})"),
        null => Ui.T("（计时暂停）", " (clock stopped)"),
    };
}
