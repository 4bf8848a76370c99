using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Supervision;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Supervision;

namespace Workflow.Host.Pages.Supervision;

/// <summary>
/// The supervision dashboard (效能监察看板) for a period: the figures per department and overall, each a link to the
/// cases and steps behind it, and three ECharts charts (cards per department, on-time trend per week, ranking).
/// Supervisor and admin only (403). The figures are <see cref="SupervisionQueries"/>'s (docs/supervision.md, Dashboard).
/// </summary>
public sealed class DashboardModel(SupervisionQueries queries, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IClock clock) : LocalizedPageModel
{
    public SupervisionPeriod Period { get; private set; } = null!;
    public SupervisionDashboard Dashboard { get; private set; } = null!;
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(string? from, string? to, CancellationToken ct)
    {
        if (!SupervisionEndpoints.MaySupervise(User)) return new ForbidResult();
        (Period, var errors) = SupervisionPeriod.ReadOrDefault(from, to, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        Dashboard = await queries.DashboardAsync(Period.Start, Period.End, ct);
        return Page();
    }

    /// <summary>The link behind a number.</summary>
    public string Drill(string department, string figure) =>
        $"/supervision/drill?department={(department == SupervisionQueries.Overall ? "all" : department)}&figure={figure}&{Period.Query}";

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%" : "–";

    public static string Number(double? value) => value is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "–";

    /// <summary>What the charts draw, as JSON for the page's script.</summary>
    public string ChartData()
    {
        var departments = Dashboard.Departments.Where(d => d.Count(SupervisionFigure.Open) + d.Count(SupervisionFigure.Completed) + d.Count(SupervisionFigure.YellowCards) + d.Count(SupervisionFigure.RedCards) > 0).ToList();
        var zone = jurisdiction.Value.Zone;
        return JsonSerializer.Serialize(new
        {
            labels = new { yellow = Ui.T("黄牌", "Yellow cards"), red = Ui.T("红牌", "Red cards"), promised = Ui.T("承诺时限按时率", "On time (promised)"), statutory = Ui.T("法定时限按时率", "On time (statutory)") },
            departments = departments.Select(d => new
            {
                code = d.Department,
                name = Web.Display.Labels.Department(Catalogue, d.Department),
                yellow = d.Count(SupervisionFigure.YellowCards),
                red = d.Count(SupervisionFigure.RedCards),
                promised = d.OnTimeRate(CardClock.Promised),
                yellowLink = Drill(d.Department, SupervisionFigure.YellowCards),
                redLink = Drill(d.Department, SupervisionFigure.RedCards),
                lateLink = Drill(d.Department, SupervisionFigure.LatePromised),
            }),
            weeks = Dashboard.Weeks.Select(w => new { week = w.WeekStart.InZone(zone).Date.ToString("MM-dd", null), w.PromisedRate, w.StatutoryRate }),
        });
    }
}
