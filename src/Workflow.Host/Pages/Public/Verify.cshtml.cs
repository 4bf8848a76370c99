using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Certificates;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Public;

namespace Workflow.Host.Pages.Public;

/// <summary>
/// 电子证照查验 (<c>/verify/{code}</c>, no sign-in): the certificate's essentials and whether it is valid or revoked, so a
/// third party can check a printed certificate (docs/public.md). An unknown code is a 404 page; rate-limited per client.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicRateLimit.Policy)]
public sealed class VerifyModel(CertificateRegister register, MatterCatalogue catalogue, CalendarRegistry calendars) : LocalizedPageModel
{
    public CertificateView? Certificate { get; private set; }
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public string Code { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Code = code;
        Zone = calendars.Get(catalogue.CalendarId).Zone;
        if (await register.FindAsync(code, ct) is { } found) Certificate = CertificateView.Of(found, catalogue);
        else Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public static string Decision(string decision) => decision switch
    {
        Workflow.Definitions.Cases.CaseDecisions.Approved => Ui.T("准予许可", "Approved"),
        Workflow.Definitions.Cases.CaseDecisions.Rejected => Ui.T("不予许可", "Rejected"),
        Workflow.Definitions.Cases.CaseDecisions.Revoked => Ui.T("撤销容缺预审", "Pre-approval revoked"),
        _ => decision,
    };
}
