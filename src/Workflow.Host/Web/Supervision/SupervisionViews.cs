using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Supervision;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Display;

namespace Workflow.Host.Web.Supervision;

/// <summary>One department's (or everyone's, <c>*</c>) figures in the API; <c>counts</c> holds every drillable figure
/// (<see cref="SupervisionFigure"/>) and <c>links</c> the drill-down URL of each.</summary>
public sealed record DepartmentFiguresView(
    string Department, string Name, IReadOnlyDictionary<string, int> Counts,
    double? OnTimeRatePromised, double? OnTimeRateStatutory, double? AverageWorkingDays, double? AveragePromisedLimit, double? AverageStatutoryLimit,
    double? CompressionRatio, double SpecialProcedureWorkingDays, double? AverageRating, int Complaints, IReadOnlyDictionary<string, string> Links)
{
    public static DepartmentFiguresView Of(DepartmentFigures figures, MatterCatalogue catalogue, SupervisionPeriod period)
    {
        var code = figures.Department == SupervisionQueries.Overall ? "all" : figures.Department;
        return new DepartmentFiguresView(code,
            code == "all" ? Localization.Ui.T("全部部门", "All departments") : Labels.Department(catalogue, figures.Department),
            SupervisionFigure.All.ToDictionary(f => f, figures.Count),
            Round(figures.OnTimeRate(CardClock.Promised)), Round(figures.OnTimeRate(CardClock.Statutory)), Round(figures.AverageWorkingDays),
            Round(figures.AveragePromisedLimit), Round(figures.AverageStatutoryLimit), Round(figures.CompressionRatio),
            Math.Round(figures.SpecialProcedureWorkingDays, 2), Round(figures.AverageRating), figures.Complaints,
            SupervisionFigure.All.ToDictionary(f => f, f => $"/api/supervision/departments/{code}/{f}?{period.Query}"));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;
}

/// <summary>The dashboard in the API.</summary>
public sealed record DashboardView(LocalDate From, LocalDate To, IReadOnlyList<DepartmentFiguresView> Departments, DepartmentFiguresView Overall, IReadOnlyList<WeeklyOnTime> Weeks);

/// <summary>One case or step behind a number, with where to see it.</summary>
public sealed record SupervisionItemView(string CaseId, string? StepId, string Department, string Title, Instant At, double? WorkingDays, int Count, string? Detail, string Case,
    int? Stars = null)
{
    /// <summary>The case number people read (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    /// <summary>The kind of the step the title names (null when the item is not a step's), to name it in another language.</summary>
    public Definitions.Cases.StepKind? StepKind { get; init; }

    /// <summary>The matter a review step examines (GET /api/matters names it in both languages).</summary>
    public string? Matter { get; init; }

    public static SupervisionItemView Of(SupervisionItem item) =>
        new(item.CaseId, item.StepId, item.Department, item.Title, item.At, item.WorkingDays, item.Count, item.Detail, $"/cases/{item.CaseId}", item.Stars)
        {
            CaseNumber = item.CaseNumber, StepKind = item.StepKind, Matter = item.Matter,
        };
}

/// <summary>
/// <c>GET /api/supervision/open</c> (docs/supervision.md, "Counting at scale"): every open step counted per department, and
/// one page of the steps in warning or overdue as the lists' parameters narrow it.
/// </summary>
/// <param name="OpenSteps">Every open step (open or waiting for a supplement).</param>
/// <param name="Departments">Per department: open, waiting for a supplement, warning, overdue; never filtered.</param>
/// <param name="Attention">One page of the steps in warning or overdue.</param>
public sealed record OpenStepsView(int OpenSteps, IReadOnlyList<Workflow.Definitions.Tracking.DepartmentLoad> Departments, Workflow.Host.Web.Permits.Api.PagedList<Workflow.Host.Web.Permits.Api.InboxItemView> Attention);
