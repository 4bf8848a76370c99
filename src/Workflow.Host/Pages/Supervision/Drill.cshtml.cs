using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Supervision;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Supervision;

namespace Workflow.Host.Pages.Supervision;

/// <summary>
/// The cases and steps behind one dashboard number (docs/supervision.md, Dashboard), paged, searchable and filtered by
/// the lists' parameters as the API's drill-down (<see cref="SupervisionDrill"/>); bad parameters are shown next to the
/// filter form, in the page's language, with status 400. Supervisor and admin only.
/// </summary>
public sealed class DrillModel(SupervisionQueries queries, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, IClock clock) : LocalizedPageModel, IListPager
{
    /// <summary>Items per page unless <c>pageSize</c> says otherwise.</summary>
    public const int PageSize = 50;

    public SupervisionDrill Drill { get; private set; } = null!;
    public IReadOnlyList<SupervisionItem> Items { get; private set; } = [];
    public int TotalCount { get; private set; }
    public string Department => Drill.Department;
    public string Figure => Drill.Figure;
    public SupervisionPeriod Period => Drill.Period;
    public IReadOnlyDictionary<string, string[]> Errors => Drill.Errors;
    public DateTimeZone Zone => jurisdiction.Value.Zone;
    public MatterCatalogue Catalogue => catalogue;
    public int CurrentPage => Drill.Parameters.Page;
    public int Pages => Math.Max(1, (TotalCount + Drill.Parameters.PageSize - 1) / Drill.Parameters.PageSize);

    public async Task<IActionResult> OnGetAsync(string? department, string? figure, CancellationToken ct)
    {
        if (!SupervisionEndpoints.MaySupervise(User)) return new ForbidResult();
        // The route's {code} is the page's ?department=; the lists' department filter is not offered here (the figure is per department).
        var query = new QueryCollection(Request.Query.Where(q => q.Key is not ("department" or "figure")).ToDictionary(q => q.Key, q => q.Value));
        Drill = SupervisionDrill.Read(department, figure, query, catalogue, Zone, clock.GetCurrentInstant());
        if (!Request.Query.ContainsKey("pageSize")) Drill = Drill.WithPageSize(PageSize);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var page = await Drill.LoadAsync(queries, ct);
        (Items, TotalCount) = (page.Items, page.TotalCount);
        return Page();
    }

    public string PageLink(int page) =>
        $"/supervision/drill?{ListParameters.QueryWithout(Request.Query, "page")}&page={page}";

    /// <summary>
    /// What an item is about, in the page's language: a card's subject and clock (stored as the names
    /// <c>Step Promised</c>), a rating's matter by its name in this language, a step's title from the catalogue's names
    /// (<see cref="Labels.StepTitle(MatterCatalogue, StepKind, string, string?, string)"/>, as the other lists); complaint texts as stored.
    /// </summary>
    public string ItemTitle(SupervisionItem item)
    {
        if (Figure is SupervisionFigure.YellowCards or SupervisionFigure.RedCards or SupervisionFigure.OverdueCommitments
            && item.Title.Split(' ') is [var subjectName, var clockName]
            && Enum.TryParse<CardSubject>(subjectName, out var subject) && Enum.TryParse<CardClock>(clockName, out var cardClock))
            return (subject switch { CardSubject.Step => Ui.T("环节", "Step"), CardSubject.Case => Ui.T("办件", "Case"), _ => Ui.T("容缺承诺", "Commitment") })
                + " · " + (cardClock switch { CardClock.Statutory => Ui.T("法定时限", "statutory"), CardClock.Promised => Ui.T("承诺时限", "promised"), _ => Ui.T("承诺补交", "commitment") });
        if (Figure == SupervisionFigure.Ratings && catalogue.Matters.FirstOrDefault(m => m.Name == item.Title) is { } matter)
            return Labels.Matter(matter);
        if (item.StepKind is { } kind)
            return Labels.StepTitle(catalogue, kind, item.Department, item.Matter, item.Title);
        return item.Title;
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
