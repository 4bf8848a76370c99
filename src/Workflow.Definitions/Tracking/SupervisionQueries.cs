using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Feedback;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Returns;
using Workflow.Definitions.Supervision;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>What a dashboard figure counts (docs/supervision.md, Dashboard); each one drills down to its items.</summary>
public static class SupervisionFigure
{
    /// <summary>Steps open at the end of the period.</summary>
    public const string Open = "open";
    /// <summary>Steps with limits completed in the period (the base of rates and averages).</summary>
    public const string Completed = "completed";
    /// <summary>Completed steps finished by their promised due instant.</summary>
    public const string OnTimePromised = "onTimePromised";
    /// <summary>
    /// Completed steps finished after their promised due instant (the drill-down of the promised on-time rate).
    /// </summary>
    public const string LatePromised = "latePromised";
    /// <summary>Completed steps finished by their statutory due instant.</summary>
    public const string OnTimeStatutory = "onTimeStatutory";
    /// <summary>Completed steps finished after their statutory due instant.</summary>
    public const string LateStatutory = "lateStatutory";
    /// <summary>Yellow cards (黄牌) whose level was reached in the period.</summary>
    public const string YellowCards = "yellowCards";
    /// <summary>Red cards (红牌) whose level was reached in the period.</summary>
    public const string RedCards = "redCards";
    /// <summary>Repeated returns (反复退件) — the window's and the departments' — of the steps completed in the period or open at its end, one item each.</summary>
    public const string RepeatedReturns = "repeatedReturns";
    /// <summary>Red cards of waived-material commitments in the period.</summary>
    public const string OverdueCommitments = "overdueCommitments";
    /// <summary>Special-procedure steps completed in the period (their working days are summed).</summary>
    public const string SpecialProcedures = "specialProcedures";
    /// <summary>Ratings (好差评) given in the period to the matters of the department (their mean is the average rating).</summary>
    public const string Ratings = "ratings";
    /// <summary>Complaints (投诉) filed in the period about the department or one of its steps.</summary>
    public const string Complaints = "complaints";

    /// <summary>Every figure, in the order the dashboard shows them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Open, Completed, OnTimePromised, LatePromised, OnTimeStatutory, LateStatutory, YellowCards, RedCards, RepeatedReturns, OverdueCommitments, SpecialProcedures, Ratings, Complaints];
}

/// <summary>One case or step behind a dashboard number.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="StepId">The step; null for a card of the case or of a commitment.</param>
/// <param name="Department">The department it counts for.</param>
/// <param name="Title">The step's title, or what the card is about.</param>
/// <param name="At">When it happened: completion, the card's instant, or the step's creation for open ones.</param>
/// <param name="Detail">The card's key for cards; the material and reason for a repeated return.</param>
/// <param name="WorkingDays">For completed steps, the working days used; for special procedures, their length; else null.</param>
/// <param name="Count">How much it adds to the figure (1).</param>
/// <param name="Stars">For a rating, its stars (1–5).</param>
public sealed record SupervisionItem(string CaseId, string? StepId, string Department, string Title, Instant At, double? WorkingDays, int Count = 1, string? Detail = null, int? Stars = null)
{
    /// <summary>The case's number (<c>2026-3-000123</c>), null for a case filed before numbers until its row is numbered.</summary>
    public string? CaseNumber { get; init; }

    /// <summary>
    /// The kind of the step whose <see cref="Title"/> this is; null when the title is not a step's (cards, ratings,
    /// complaints). With <see cref="Matter"/> it lets a page name the step in English from the catalogue.
    /// </summary>
    public StepKind? StepKind { get; init; }

    /// <summary>The matter a review step examines; null for other steps and items.</summary>
    public string? Matter { get; init; }
}

/// <summary>One page of a drill-down and how many items match in all.</summary>
/// <param name="Items">The page's items.</param>
/// <param name="TotalCount">How many items match the filter (every page).</param>
public sealed record SupervisionDrillPage(IReadOnlyList<SupervisionItem> Items, int TotalCount);

/// <summary>A department's figures for a period (or, with department <c>*</c>, everyone's).</summary>
public sealed record DepartmentFigures(string Department, IReadOnlyDictionary<string, IReadOnlyList<SupervisionItem>> Items)
{
    /// <summary>The figure's number: the sum of its items' counts; 0 when it has none.</summary>
    public int Count(string figure) => Items.TryGetValue(figure, out var list) ? list.Sum(i => i.Count) : 0;

    /// <summary>On time ÷ completed with that clock; null when none completed.</summary>
    public double? OnTimeRate(CardClock clock)
    {
        var (onTime, late) = clock == CardClock.Promised ? (SupervisionFigure.OnTimePromised, SupervisionFigure.LatePromised) : (SupervisionFigure.OnTimeStatutory, SupervisionFigure.LateStatutory);
        var total = Count(onTime) + Count(late);
        return total == 0 ? null : (double)Count(onTime) / total;
    }

    /// <summary>The mean working days used by the completed steps.</summary>
    public double? AverageWorkingDays => Average(SupervisionFigure.Completed, i => i.WorkingDays ?? 0);

    /// <summary>The mean promised and statutory limits of the completed steps, set by <see cref="SupervisionQueries"/>.</summary>
    public double? AveragePromisedLimit { get; init; }
    /// <summary>The mean statutory limit of the completed steps, in working days; null when none completed.</summary>
    public double? AverageStatutoryLimit { get; init; }

    /// <summary>1 − Σ promised limits ÷ Σ statutory limits of the completed steps (the reform's compression of time limits).</summary>
    public double? CompressionRatio { get; init; }

    /// <summary>Working days spent in special procedures completed in the period.</summary>
    public double SpecialProcedureWorkingDays => Items.TryGetValue(SupervisionFigure.SpecialProcedures, out var list) ? list.Sum(i => i.WorkingDays ?? 0) : 0;

    /// <summary>Mean rating (1–5) of the finished matters rated in the period; null when none.</summary>
    public double? AverageRating => Items.TryGetValue(SupervisionFigure.Ratings, out var list) && list.Count > 0 ? list.Average(i => i.Stars ?? 0) : null;

    /// <summary>Complaints filed in the period.</summary>
    public int Complaints => Count(SupervisionFigure.Complaints);

    private double? Average(string figure, Func<SupervisionItem, double> value) =>
        Items.TryGetValue(figure, out var list) && list.Count > 0 ? list.Average(value) : null;
}

/// <summary>The on-time rate of the steps completed in one week of the period (the trend chart).</summary>
public sealed record WeeklyOnTime(Instant WeekStart, int Completed, double? PromisedRate, double? StatutoryRate);

/// <summary>The dashboard: per department (in catalogue order) and overall, and the weekly trend.</summary>
public sealed record SupervisionDashboard(Instant From, Instant To, IReadOnlyList<DepartmentFigures> Departments, DepartmentFigures Overall, IReadOnlyList<WeeklyOnTime> Weeks);

/// <summary>
/// The supervision dashboard's figures for a period [from, to) from the projections (<c>permit_steps</c>,
/// <c>permit_cases</c>), the cards (<c>sup_cards</c>), repeated returns (<c>sup_returns</c>), ratings and complaints (<c>fb_*</c>); every figure is the list of items behind it, so its
/// drill-down shows exactly what it counts (docs/supervision.md, Dashboard).
/// </summary>
public sealed class SupervisionQueries(IDbContextFactory<WorkflowDbContext> contexts, CalendarRegistry calendars, MatterCatalogue catalogue)
{
    /// <summary>Everyone's figures ("*").</summary>
    public const string Overall = "*";

    /// <summary>
    /// The figures of every department and overall for [<paramref name="from"/>, <paramref name="to"/>), with the
    /// weekly trend.
    /// </summary>
    public async Task<SupervisionDashboard> DashboardAsync(Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = await db.Set<StepRow>().AsNoTracking()
            .Where(s => s.CreatedAt < to && (s.CompletedAt == null || s.CompletedAt >= from) && s.State != StepState.Cancelled)
            .ToListAsync(cancellationToken);
        var stepIds = steps.Select(s => s.Id).ToList();
        // Each repeated return of the steps in the period is one item, with its material and reason.
        var returns = await db.Set<RepeatedReturnRow>().AsNoTracking().Where(r => stepIds.Contains(r.StepId)).ToListAsync(cancellationToken);
        var stepById = steps.ToDictionary(s => s.Id);
        var cards = await db.Set<CardRow>().AsNoTracking().Where(c => c.DueLevelAt >= from && c.DueLevelAt < to).ToListAsync(cancellationToken);
        var ratings = await db.Set<RatingRow>().AsNoTracking().Where(r => r.RatedAt >= from && r.RatedAt < to).ToListAsync(cancellationToken);
        var complaints = await db.Set<ComplaintRow>().AsNoTracking().Where(c => c.FiledAt >= from && c.FiledAt < to).ToListAsync(cancellationToken);
        var caseIds = steps.Select(s => s.CaseId).Concat(cards.Select(c => c.CaseId)).Concat(ratings.Select(r => r.CaseId)).Concat(complaints.Select(c => c.CaseId))
            .Distinct().ToList();
        var cases = await db.Set<CaseRow>().AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new { c.CalendarId, c.CaseNumber }, cancellationToken);
        var calendarOf = cases.ToDictionary(c => c.Key, c => c.Value.CalendarId);

        var items = new List<(string Figure, SupervisionItem Item, StepRow? Step)>();
        foreach (var step in steps)
        {
            var calendar = calendars.Find(calendarOf.GetValueOrDefault(step.CaseId) is { Length: > 0 } id ? id : catalogue.CalendarId) ?? calendars.Get(catalogue.CalendarId);
            var openAtEnd = step.CompletedAt is null || step.CompletedAt >= to;
            var completedInPeriod = step.CompletedAt is { } done && done >= from && done < to;
            if (openAtEnd) items.Add((SupervisionFigure.Open, Item(step, step.CreatedAt, null), step));
            if (!completedInPeriod) continue;
            var completed = step.CompletedAt!.Value;
            if (step.Kind == StepKind.SpecialProcedure)
                items.Add((SupervisionFigure.SpecialProcedures, Item(step, completed, WorkingDaysBetween(calendar, step.CreatedAt, completed)), step));
            if (CaseClocks.Of(calendar, step.CreatedAt, step.StatutoryLimit, step.PromisedLimit, StoredSuspensions.Decode(step.Suspensions)) is not { } clocks) continue;
            var used = Math.Round(clocks.Statutory.ElapsedAt(completed).Value, 3);
            items.Add((SupervisionFigure.Completed, Item(step, completed, used), step));
            if (step.StatutoryDue is { } statutoryDue)
                items.Add((completed <= statutoryDue ? SupervisionFigure.OnTimeStatutory : SupervisionFigure.LateStatutory, Item(step, completed, used), step));
            if (step.PromisedDue is { } promisedDue && step.PromisedLimit > 0)
                items.Add((completed <= promisedDue ? SupervisionFigure.OnTimePromised : SupervisionFigure.LatePromised, Item(step, completed, used), step));
        }
        // Every step read is open at the period's end or completed in it, so all its repeated returns count.
        foreach (var r in returns.OrderBy(r => r.Id, StringComparer.Ordinal))
            items.Add((SupervisionFigure.RepeatedReturns, Item(stepById[r.StepId], r.At, null) with { Department = r.Department, Detail = $"{r.MaterialCode}: {r.Reason}" }, stepById[r.StepId]));
        foreach (var r in ratings)
            items.Add((SupervisionFigure.Ratings, new SupervisionItem(r.CaseId, null, r.Department, catalogue.FindMatter(r.Matter)?.Name ?? r.Matter, r.RatedAt, null, 1, r.Comment, r.Stars), null));
        foreach (var c in complaints)
            items.Add((SupervisionFigure.Complaints, new SupervisionItem(c.CaseId, c.StepId, c.Department, c.Text, c.FiledAt, null, 1, c.State.ToString()), null));
        foreach (var card in cards)
        {
            var figure = card.Subject == CardSubject.Commitment && card.Level == DeadlineLevel.Overdue ? SupervisionFigure.OverdueCommitments : null;
            var item = new SupervisionItem(card.CaseId, card.Subject == CardSubject.Step ? card.StepId : null, card.Department, $"{card.Subject} {card.Clock}", card.DueLevelAt, null, 1, card.Id);
            items.Add((card.Level == DeadlineLevel.Overdue ? SupervisionFigure.RedCards : SupervisionFigure.YellowCards, item, null));
            if (figure is not null) items.Add((figure, item, null));
        }

        // Every item names its case by the number people read (docs/domain.md, *Case numbers*).
        items = items.Select(i => i with { Item = i.Item with { CaseNumber = cases.GetValueOrDefault(i.Item.CaseId)?.CaseNumber } }).ToList();
        var departments = catalogue.Departments.Select(d => d.Code).Prepend(PermitActivity.FrontDesk)
            .Where(code => items.Any(i => i.Item.Department == code) || catalogue.FindDepartment(code) is not null)
            .Select(code => Figures(code, items.Where(i => i.Item.Department == code).ToList()))
            .ToList();
        return new SupervisionDashboard(from, to, departments, Figures(Overall, items), Weeks(from, to, items));
    }

    /// <summary>The items behind one figure of one department (<see cref="Overall"/> for everyone's).</summary>
    public async Task<IReadOnlyList<SupervisionItem>> DrillDownAsync(string department, string figure, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        var dashboard = await DashboardAsync(from, to, cancellationToken);
        var figures = department == Overall ? dashboard.Overall : dashboard.Departments.FirstOrDefault(d => d.Department == department);
        return figures?.Items.GetValueOrDefault(figure) ?? [];
    }

    /// <summary>
    /// One page of the items behind one figure of one department (<see cref="Overall"/> for everyone's), narrowed and
    /// ordered by the lists' parameters (docs/api.md, *Lists*): the search (<see cref="CaseSearch"/>), the case's state
    /// and stage, the department the item counts for, the deadline level (the step's due instants, the case's for items
    /// without a step, passed before it was done or, open, before the period ends), the green channel; <see cref="StepListFilter.From"/>/<see cref="StepListFilter.To"/> are not read
    /// — the period bounds the items. <see cref="ListSort.Due"/>: green channel first, then the earliest promised due
    /// (the step's, else the case's), then by instant; <see cref="ListSort.Newest"/>/<see cref="ListSort.Oldest"/> by the item's instant.
    /// </summary>
    public async Task<SupervisionDrillPage> DrillDownAsync(string department, string figure, Instant from, Instant to, StepListFilter filter, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var items = await DrillDownAsync(department, figure, from, to, cancellationToken);
        if (filter.Department is { } only) items = items.Where(i => i.Department == only).ToList();
        var at = to;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The case and step rows of the items only: a period's items, read in two queries whatever the filter.
        var caseIds = items.Select(i => i.CaseId).Distinct().ToList();
        var cases = CaseSearch.Matching(db, filter, catalogue).Where(c => caseIds.Contains(c.Id));
        if (filter.State is { } state && Enum.TryParse<CaseState>(state, out var caseState)) cases = cases.Where(c => c.State == caseState);
        if (filter.Stage is { } stage) cases = cases.Where(c => c.Stage == stage);
        if (filter.GreenChannel is { } green) cases = cases.Where(c => c.GreenChannel == green);
        var caseRows = await cases.Select(c => new DueRow(c.Id, c.GreenChannel, c.PromisedDue, c.StatutoryDue, c.ClosedAt)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var stepIds = items.Where(i => i.StepId is not null).Select(i => i.StepId!).Distinct().ToList();
        var stepRows = await db.Set<StepRow>().AsNoTracking().Where(s => stepIds.Contains(s.Id))
            .Select(s => new DueRow(s.Id, s.GreenChannel, s.PromisedDue, s.StatutoryDue, s.CompletedAt)).ToDictionaryAsync(s => s.Id, cancellationToken);

        DueRow? Dues(SupervisionItem i) => i.StepId is { } step && stepRows.TryGetValue(step, out var row) ? row : caseRows.GetValueOrDefault(i.CaseId);
        var kept = items.Where(i => caseRows.ContainsKey(i.CaseId));
        if (filter.Level == DeadlineLevel.Overdue) kept = kept.Where(i => Dues(i) is { } d && d.OverdueAt(at));
        var ordered = filter.Sort switch
        {
            ListSort.Newest => kept.OrderByDescending(i => i.At),
            ListSort.Oldest => kept.OrderBy(i => i.At),
            _ => kept.OrderByDescending(i => caseRows[i.CaseId].GreenChannel).ThenBy(i => Dues(i)?.PromisedDue is null).ThenBy(i => Dues(i)?.PromisedDue).ThenBy(i => i.At),
        };
        var all = ordered.ThenBy(i => i.CaseId, StringComparer.Ordinal).ThenBy(i => i.StepId, StringComparer.Ordinal).ThenBy(i => i.Detail, StringComparer.Ordinal).ToList();
        return new SupervisionDrillPage(all.Skip((int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize)).Take(pageSize).ToList(), all.Count);
    }

    /// <summary>The due instants a drill-down item is ordered and narrowed by: its step's, or its case's.</summary>
    private sealed record DueRow(string Id, bool GreenChannel, Instant? PromisedDue, Instant? StatutoryDue, Instant? DoneAt)
    {
        /// <summary>A due instant passed before it was done, or before <paramref name="at"/> while it is still open.</summary>
        public bool OverdueAt(Instant at) => PromisedDue < (DoneAt ?? at) || StatutoryDue < (DoneAt ?? at);
    }

    private static DepartmentFigures Figures(string department, IReadOnlyList<(string Figure, SupervisionItem Item, StepRow? Step)> items)
    {
        var completed = items.Where(i => i.Figure == SupervisionFigure.Completed && i.Step is not null).Select(i => i.Step!).ToList();
        var withPromised = completed.Where(s => s.PromisedLimit > 0 && s.StatutoryLimit > 0).ToList();
        return new DepartmentFigures(department, SupervisionFigure.All.ToDictionary(f => f,
            f => (IReadOnlyList<SupervisionItem>)items.Where(i => i.Figure == f).Select(i => i.Item).OrderBy(i => i.At).ThenBy(i => i.StepId, StringComparer.Ordinal).ToList()))
        {
            AveragePromisedLimit = withPromised.Count == 0 ? null : withPromised.Average(s => s.PromisedLimit),
            AverageStatutoryLimit = completed.Count == 0 ? null : completed.Average(s => s.StatutoryLimit),
            CompressionRatio = withPromised.Count == 0 ? null : 1 - (double)withPromised.Sum(s => s.PromisedLimit) / withPromised.Sum(s => s.StatutoryLimit),
        };
    }

    private static IReadOnlyList<WeeklyOnTime> Weeks(Instant from, Instant to, IReadOnlyList<(string Figure, SupervisionItem Item, StepRow? Step)> items)
    {
        var weeks = new List<WeeklyOnTime>();
        for (var start = from; start < to; start += Duration.FromDays(7))
        {
            var end = start + Duration.FromDays(7);
            int Of(string figure) => items.Count(i => i.Figure == figure && i.Item.At >= start && i.Item.At < end);
            double? Rate(string onTime, string late) => Of(onTime) + Of(late) is var total and > 0 ? (double)Of(onTime) / total : null;
            weeks.Add(new WeeklyOnTime(start, Of(SupervisionFigure.Completed),
                Rate(SupervisionFigure.OnTimePromised, SupervisionFigure.LatePromised), Rate(SupervisionFigure.OnTimeStatutory, SupervisionFigure.LateStatutory)));
        }
        return weeks;
    }

    private static SupervisionItem Item(StepRow step, Instant at, double? workingDays) =>
        new(step.CaseId, step.Id, step.Department, step.Title, at, workingDays) { StepKind = step.Kind, Matter = step.Matter };

    // The working days between two instants on the calendar (the start day not counted, as for every clock).
    private static double WorkingDaysBetween(WorkingCalendar calendar, Instant start, Instant end) =>
        Math.Round(new DeadlineClock(calendar, start, 1).ElapsedAt(end).Value, 3);
}
