using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Supervision;

namespace Workflow.Host.Pages.Supervision;

/// <summary>The cases and steps behind one dashboard number (docs/supervision.md, Dashboard). Supervisor and admin only.</summary>
public sealed class DrillModel(SupervisionQueries queries, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IClock clock) : LocalizedPageModel
{
    public IReadOnlyList<SupervisionItem> Items { get; private set; } = [];
    public string Department { get; private set; } = "";
    public string Figure { get; private set; } = "";
    public SupervisionPeriod Period { get; private set; } = null!;
    public DateTimeZone Zone => jurisdiction.Value.Zone;
    public MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(string? department, string? figure, string? from, string? to, CancellationToken ct)
    {
        if (!SupervisionEndpoints.MaySupervise(User)) return new ForbidResult();
        var (period, _) = SupervisionPeriod.Read(from, to, Zone, clock.GetCurrentInstant());
        if (period is null || figure is null || !SupervisionFigure.All.Contains(figure) || string.IsNullOrEmpty(department)) return BadRequest();
        (Period, Department, Figure) = (period, department, figure);
        Items = await queries.DrillDownAsync(department == "all" ? SupervisionQueries.Overall : department, figure, period.Start, period.End, ct);
        return Page();
    }

    public string FigureName => Figure switch
    {
        SupervisionFigure.Open => Ui.T("在办环节", "Open steps"),
        SupervisionFigure.Completed => Ui.T("办结环节", "Completed steps"),
        SupervisionFigure.OnTimePromised => Ui.T("按承诺时限办结", "On time (promised)"),
        SupervisionFigure.LatePromised => Ui.T("超承诺时限办结", "Late (promised)"),
        SupervisionFigure.OnTimeStatutory => Ui.T("按法定时限办结", "On time (statutory)"),
        SupervisionFigure.LateStatutory => Ui.T("超法定时限办结", "Late (statutory)"),
        SupervisionFigure.YellowCards => Ui.T("黄牌", "Yellow cards"),
        SupervisionFigure.RedCards => Ui.T("红牌", "Red cards"),
        SupervisionFigure.RepeatedReturns => Ui.T("反复退件", "Repeated returns"),
        SupervisionFigure.OverdueCommitments => Ui.T("容缺承诺超期", "Overdue commitments"),
        SupervisionFigure.Ratings => Ui.T("好差评", "Ratings"),
        SupervisionFigure.Complaints => Ui.T("投诉", "Complaints"),
        _ => Ui.T("特别程序", "Special procedures"),
    };
}
