using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>An open step in an inbox with its case, both read at <see cref="InboxPage.At"/>.</summary>
/// <param name="Step">The step and its own clocks.</param>
/// <param name="Case">Its case and the case's clocks.</param>
public sealed record InboxEntry(StepSnapshot Step, CaseSummary Case)
{
    /// <summary>The clocks a list shows for the step: its own, else its case's (for a step that has none of its own).</summary>
    public ClocksReading? Clocks => Step.Clocks ?? Case.Clocks;
}

/// <summary>One page of an inbox, every clock read at <paramref name="At"/>.</summary>
public sealed record InboxPage(IReadOnlyList<InboxEntry> Items, int TotalCount, Instant At);

/// <summary>One department's open steps, counted by how they stand.</summary>
public sealed record DepartmentLoad(string Department, int Open, int WaitingForSupplement, int Warning, int Overdue);

/// <summary>
/// The supervisor's overview over every open step (效能监察), read at <paramref name="At"/>: per department, and one page
/// of the open steps in warning or overdue, worst first.
/// </summary>
public sealed record SupervisionOverview(IReadOnlyList<DepartmentLoad> Departments, IReadOnlyList<InboxEntry> Attention, int TotalCount, Instant At)
{
    /// <summary>How many open steps are in warning or overdue (<see cref="Attention"/> is one page of them).</summary>
    public int AttentionCount { get; init; }
}

/// <summary>
/// Inboxes and supervision, from the projection tables only (never instance JSON), in a fixed number of queries
/// whatever the number of steps: a page is one count and one joined read; the overview one joined read.
/// </summary>
public sealed class InboxQueries(IDbContextFactory<WorkflowDbContext> contexts, CalendarRegistry calendars, MatterCatalogue catalogue, IClock clock)
{
    private static readonly StepState[] OpenStepStates = [StepState.Open, StepState.WaitingForSupplement];

    /// <summary>
    /// Open steps (open or waiting for a supplement) of <paramref name="department"/> (every department when null),
    /// green channel first, then by promised due instant, steps without a clock (intake) by age.
    /// </summary>
    public Task<InboxPage> PageAsync(string? department, int page, int pageSize, CancellationToken cancellationToken = default) =>
        PageAsync(department, StepListFilter.None, page, pageSize, cancellationToken);

    /// <summary>Open steps of <paramref name="department"/> (every department when null) narrowed and ordered by <paramref name="filter"/>; one count and one read.</summary>
    public async Task<InboxPage> PageAsync(string? department, StepListFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = FilteredSteps(OpenStepRows(db, department, filter.State), filter, at);
        var open = Filtered(db, Joined(db, steps), filter, at, handled: false);
        // Every step row has its case row (one save writes both): without a filter on the case, the total counts the
        // partial index's entries alone instead of joining each to its case (docs/benchmarks.md, "Queries that stop early").
        var total = NeedsCase(filter, handled: false) ? await open.CountAsync(cancellationToken) : await steps.CountAsync(cancellationToken);
        // Instants are stored as integers, so ordering in SQL is exact.
        var ordered = filter.Sort switch
        {
            ListSort.Newest => open.OrderByDescending(x => x.Step.CreatedAt).ThenBy(x => x.Step.Id),
            ListSort.Oldest => open.OrderBy(x => x.Step.CreatedAt).ThenBy(x => x.Step.Id),
            _ => open.OrderByDescending(x => x.Step.GreenChannel).ThenBy(x => x.Step.PromisedDue == null).ThenBy(x => x.Step.PromisedDue)
                .ThenBy(x => x.Step.CreatedAt).ThenBy(x => x.Step.Id),
        };
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new InboxPage(rows.Select(x => Entry(x.Step, x.Case, at)).ToList(), total, at);
    }

    /// <summary>
    /// 已办: the steps <paramref name="department"/> (every department when null) decided — completed, not cancelled —
    /// with the outcome, who and when, from the step rows (never a case file); the latest decision first unless
    /// <paramref name="filter"/> says otherwise. <see cref="StepListFilter.From"/>/<see cref="StepListFilter.To"/> bound the decision instant.
    /// </summary>
    public async Task<InboxPage> HandledAsync(string? department, StepListFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = db.Set<StepRow>().AsNoTracking().Where(s => s.State == StepState.Completed);
        if (department is not null) steps = steps.Where(s => s.Department == department);
        var handled = Filtered(db, Joined(db, FilteredSteps(steps, filter, at)), filter, at, handled: true);
        var total = await handled.CountAsync(cancellationToken);
        var ordered = filter.Sort == ListSort.Oldest
            ? handled.OrderBy(x => x.Step.CompletedAt).ThenBy(x => x.Step.Id)
            : handled.OrderByDescending(x => x.Step.CompletedAt).ThenBy(x => x.Step.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new InboxPage(rows.Select(x => Entry(x.Step, x.Case, at)).ToList(), total, at);
    }

    /// <summary>
    /// Every open step counted per department, and those in warning or overdue, worst first, one page of
    /// <paramref name="attentionPageSize"/> (docs/supervision.md, "Counting at scale").
    /// </summary>
    public Task<SupervisionOverview> OverviewAsync(int attentionPage = 1, int attentionPageSize = int.MaxValue, CancellationToken cancellationToken = default) =>
        OverviewAsync(StepListFilter.None, attentionPage, attentionPageSize, cancellationToken);

    /// <summary>
    /// Every open step counted per department, and one page of <paramref name="attentionPageSize"/> of those in warning
    /// or overdue narrowed by <paramref name="filter"/> (the lists' parameters), worst first unless it sorts otherwise
    /// (docs/supervision.md, "Counting at scale"). The counts are never filtered.
    /// </summary>
    /// <remarks>
    /// No clock is evaluated and no open step walked: the open and waiting steps per department are counters kept by
    /// every save (<see cref="OpenStepCounts"/>); each open step row carries the instants its clocks turn warning and
    /// overdue (<see cref="StepRow.WarningAt"/>, <see cref="StepRow.OverdueAt"/>), so the late ones are, per department,
    /// one index range from the first entry to now — only late steps are visited. The unfiltered attention page reads
    /// its entries in index order (overdue first, most overdue first; then the warnings nearest to overdue; steps standing
    /// still in warning last) and stops. Steps waiting for a supplement have no level instants: counted as waiting, never
    /// as late.
    /// </remarks>
    public async Task<SupervisionOverview> OverviewAsync(StepListFilter filter, int attentionPage, int attentionPageSize, CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = (await db.Set<OpenStepCountRow>().AsNoTracking()
                .GroupBy(c => new { c.Department, c.State })
                .Select(g => new { g.Key.Department, g.Key.State, Count = g.Sum(c => c.Steps) })
                .ToListAsync(cancellationToken))
            .Where(c => c.Count > 0).ToList();
        var names = open.Select(c => c.Department).Distinct().Order(StringComparer.Ordinal).ToArray();
        // The department names as constants: SQLite then seeks ix_permit_steps_late once per department and reads the
        // range up to now in department order (no sort); "warning_at <= @at" implies the partial index's IS NOT NULL.
        var late = names.Length == 0 ? [] : await db.Set<StepRow>().AsNoTracking()
            .Where(s => EF.Constant(names).Contains(s.Department) && s.WarningAt <= at)
            .GroupBy(s => s.Department)
            .Select(g => new { Department = g.Key, Late = g.Count(), Overdue = g.Count(s => s.OverdueAt <= at) })
            .ToListAsync(cancellationToken);
        var departments = names
            .Select(d => (Department: d, Late: late.FirstOrDefault(l => l.Department == d)))
            .Select(x => new DepartmentLoad(x.Department,
                (int)open.Where(c => c.Department == x.Department).Sum(c => c.Count),
                (int)open.Where(c => c.Department == x.Department && c.State == StepState.WaitingForSupplement).Sum(c => c.Count),
                // Overdue implies warning (a clock warns before it is overdue), so the warnings are the late less the overdue.
                (x.Late?.Late ?? 0) - (x.Late?.Overdue ?? 0), x.Late?.Overdue ?? 0))
            .OrderByDescending(d => d.Overdue).ThenByDescending(d => d.Warning).ThenBy(d => d.Department, StringComparer.Ordinal)
            .ToList();

        var filtered = filter with { Sort = ListSort.Due } != StepListFilter.None;
        // Only open steps have level instants, so "warning_at <= @at" alone (which implies the partial index's IS NOT
        // NULL) selects them: no state term that would tempt SQLite to another index and a sort (ListIndexModule).
        var lateSteps = db.Set<StepRow>().AsNoTracking().Where(s => s.WarningAt <= at);
        if (filter.Department is { } department) lateSteps = lateSteps.Where(s => s.Department == department);
        if (filter.State is { } stateName && Enum.TryParse<StepState>(stateName, out var state)) lateSteps = lateSteps.Where(s => s.State == state);
        if (filter.Level == DeadlineLevel.Overdue) lateSteps = lateSteps.Where(s => s.OverdueAt <= at);
        if (filter.Level == DeadlineLevel.Warning) lateSteps = lateSteps.Where(s => s.OverdueAt == null || s.OverdueAt > at);
        if (filter.GreenChannel is { } green) lateSteps = lateSteps.Where(s => s.GreenChannel == green);
        var attention = Filtered(db, Joined(db, lateSteps), filter, at, handled: false);
        var attentionCount = filtered ? await attention.CountAsync(cancellationToken) : departments.Sum(d => d.Warning + d.Overdue);
        var skip = (int)Math.Min(int.MaxValue, (Math.Max(1L, attentionPage) - 1) * attentionPageSize);
        List<OpenStep> page = [];
        if (skip < attentionCount)
        {
            var ordered = filter.Sort switch
            {
                ListSort.Newest => attention.OrderByDescending(x => x.Step.CreatedAt).ThenBy(x => x.Step.Id),
                ListSort.Oldest => attention.OrderBy(x => x.Step.CreatedAt).ThenBy(x => x.Step.Id),
                _ => attention.OrderBy(x => x.Step.OverdueAt == null).ThenBy(x => x.Step.OverdueAt).ThenBy(x => x.Step.Id),
            };
            page = await ordered.Skip(skip).Take(attentionPageSize).ToListAsync(cancellationToken);
        }
        return new SupervisionOverview(departments, page.Select(x => Entry(x.Step, x.Case, at)).ToList(), departments.Sum(d => d.Open), at) { AttentionCount = attentionCount };
    }

    private static IQueryable<StepRow> OpenStepRows(WorkflowDbContext db, string? department, string? state = null)
    {
        var states = state is null ? OpenStepStates : OpenStepStates.Where(s => s.ToString() == state).ToArray();
        // The states as constants in the SQL, so that the partial inbox indexes (ListIndexModule) apply.
        var steps = db.Set<StepRow>().AsNoTracking().Where(s => EF.Constant(states).Contains(s.State));
        if (department is not null) steps = steps.Where(s => s.Department == department);
        return steps;
    }

    private static IQueryable<OpenStep> Joined(WorkflowDbContext db, IQueryable<StepRow> steps) =>
        steps.Join(db.Set<CaseRow>().AsNoTracking(), s => s.CaseId, c => c.Id, (s, c) => new OpenStep { Step = s, Case = c });

    /// <summary>The filter's parts on the step row alone.</summary>
    private static IQueryable<StepRow> FilteredSteps(IQueryable<StepRow> steps, StepListFilter filter, Instant at)
    {
        if (filter.GreenChannel is { } green) steps = steps.Where(s => s.GreenChannel == green);
        if (filter.Level == DeadlineLevel.Overdue)
            steps = steps.Where(s => (s.PromisedDue != null && s.PromisedDue < (s.CompletedAt ?? at))
                || (s.StatutoryDue != null && s.StatutoryDue < (s.CompletedAt ?? at)));
        // In warning now and not yet overdue: from the open row's stored warning instant (a completed row has none, so
        // the handled list has no warnings; the Host refuses level=Warning there).
        if (filter.Level == DeadlineLevel.Warning)
            steps = steps.Where(s => s.WarningAt <= at
                && !((s.PromisedDue != null && s.PromisedDue < at) || (s.StatutoryDue != null && s.StatutoryDue < at)));
        return steps;
    }

    /// <summary>Whether <see cref="Filtered"/> looks at the case row.</summary>
    private static bool NeedsCase(StepListFilter filter, bool handled) =>
        filter.Stage is not null || filter.SearchText is not null || (!handled && (filter.From is not null || filter.To is not null));

    /// <summary>The filter's parts on the case (the step's parts are <see cref="FilteredSteps"/>'); the search looks into the case, its project row and the matter names of the catalogue.</summary>
    private IQueryable<OpenStep> Filtered(WorkflowDbContext db, IQueryable<OpenStep> rows, StepListFilter filter, Instant at, bool handled)
    {
        if (filter.Stage is { } stage) rows = rows.Where(x => x.Case.Stage == stage);
        if (handled)
        {
            if (filter.From is { } from) rows = rows.Where(x => x.Step.CompletedAt >= from);
            if (filter.To is { } to) rows = rows.Where(x => x.Step.CompletedAt < to);
        }
        else
        {
            if (filter.From is { } from) rows = rows.Where(x => x.Case.SubmittedAt >= from);
            if (filter.To is { } to) rows = rows.Where(x => x.Case.SubmittedAt < to);
        }
        if (filter.SearchText is not null)
        {
            var found = CaseSearch.Matching(db, filter, catalogue);
            rows = rows.Where(x => found.Any(c => c.Id == x.Case.Id));
        }
        return rows;
    }

    private InboxEntry Entry(StepRow step, CaseRow @case, Instant at)
    {
        var calendar = calendars.Get(@case.CalendarId.Length > 0 ? @case.CalendarId : catalogue.CalendarId);
        return new InboxEntry(StepSnapshot.Of(step, @case.ProjectName, calendar, at, @case.CaseNumber), CaseSummary.Of(@case, calendar, at));
    }

    // A class with settable members (not a positional record) so that EF can order by its members in SQL.
    private sealed class OpenStep
    {
        public required StepRow Step { get; init; }
        public required CaseRow Case { get; init; }
    }
}
