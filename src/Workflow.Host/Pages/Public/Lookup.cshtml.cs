using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.PublicLookup;
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
public sealed class LookupModel(PublicCaseLookup lookup, MatterCatalogue catalogue) : LocalizedPageModel
{
    [BindProperty] public string? CaseNumber { get; set; }
    [BindProperty] public string? Code { get; set; }
    public PublicProgress? Progress { get; private set; }
    public bool Unknown { get; private set; }
    public MatterCatalogue Catalogue => catalogue;

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
}
