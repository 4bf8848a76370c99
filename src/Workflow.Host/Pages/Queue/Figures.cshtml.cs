using Workflow.Definitions.Appointments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Supervision;

namespace Workflow.Host.Pages.Queue;

/// <summary>
/// The queue's figures for supervision (<c>/supervision/queues</c>): waiting and service times (p50/p90), tickets and
/// no-shows per hall, window and category, for the period and each day in it (docs/queueing.md, *Figures*). Supervisor
/// and admin only (403).
/// </summary>
public sealed class FiguresModel(QueueFigures figures, HallDirectory halls, IOptions<JurisdictionOptions> jurisdiction, IClock clock) : LocalizedPageModel
{
    public SupervisionPeriod Period { get; private set; } = null!;
    public IReadOnlyList<QueueFigureRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public HallSnapshot Site { get; private set; } = null!;

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
        Site = await halls.SnapshotAsync(ct);
        Rows = await figures.ReadAsync(Period.Start, Period.End, ct);
        return Page();
    }

    public string Name(QueueFigureRow row) => row.Dimension switch
    {
        QueueDimension.Hall => Site.FindHall(row.Key) is { } h ? Ui.T(h.NameZh, h.NameEn) : row.Key,
        QueueDimension.Category => Site.FindCategory(row.Key) is { } c ? Ui.T(c.NameZh, c.NameEn) : row.Key,
        _ => row.Key,
    };

    public static string Minutes(double? value) => value is { } v ? v.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : "–";
}
