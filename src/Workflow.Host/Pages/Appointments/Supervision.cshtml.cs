using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Supervision;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Supervision;

namespace Workflow.Host.Pages.Appointments;

/// <summary>
/// 预约监管 (<c>/supervision/appointments</c>, docs/appointments.md, *Supervision*): for a period, bookings, cancellations,
/// check-ins and no-shows per hall and category, the bans, and the suspicious patterns flagged (<see cref="BookingSupervision"/>).
/// Supervisor and admin only (403), like the dashboard it is linked from.
/// </summary>
public sealed class SupervisionModel(BookingSupervision supervision, HallDirectory halls, IOptions<JurisdictionOptions> jurisdiction, IClock clock) : LocalizedPageModel
{
    public SupervisionPeriod Period { get; private set; } = null!;
    public BookingReport Report { get; private set; } = null!;
    public HallSnapshot Snapshot { get; private set; } = null!;
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(string? from, string? to, CancellationToken ct)
    {
        if (!SupervisionEndpoints.MaySupervise(User)) return new ForbidResult();
        var (period, errors) = SupervisionPeriod.Read(from, to, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        if (period is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            (period, _) = SupervisionPeriod.Read(null, null, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        }
        Period = period!;
        Report = await supervision.ReportAsync(Period.Start, Period.End, ct);
        Snapshot = await halls.SnapshotAsync(ct);
        return Page();
    }

    public string HallName(string code) => Snapshot.FindHall(code) is { } h ? Ui.T(h.NameZh, h.NameEn) : code;

    public string CategoryName(string code) => Snapshot.FindCategory(code) is { } c ? Ui.T(c.NameZh, c.NameEn) : code;

    public string Local(Instant instant) => instant.InZone(jurisdiction.Value.Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string KindText(SuspicionKind kind) => kind switch
    {
        SuspicionKind.ClientBookings => Ui.T("同一终端大量预约", "Many bookings from one client"),
        SuspicionKind.IdentityBookings => Ui.T("同一身份大量预约", "Many bookings by one identity"),
        SuspicionKind.IdentityCancellations => Ui.T("同一身份多次取消", "Many cancellations by one identity"),
        SuspicionKind.ClientCancellations => Ui.T("同一终端多次取消", "Many cancellations from one client"),
        _ => Ui.T("释放后数分钟内被他人约走", "Released and re-taken by someone else within minutes"),
    };
}
