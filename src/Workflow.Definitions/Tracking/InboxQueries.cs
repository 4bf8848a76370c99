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
    /// <summary>The clocks a list shows for the step: its own, else its case's (intake steps have none of their own).</summary>
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
        var open = Filtered(db, OpenSteps(db, department, filter.State), filter, at, handled: false);
        var total = await open.CountAsync(cancellationToken);
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
        var handled = Filtered(db, Joined(db, steps), filter, at, handled: true);
        var total = await handled.CountAsync(cancellationToken);
        var ordered = filter.Sort == ListSort.Oldest
            ? handled.OrderBy(x => x.Step.CompletedAt).ThenBy(x => x.Step.Id)
            : handled.OrderByDescending(x => x.Step.CompletedAt).ThenBy(x => x.Step.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new InboxPage(rows.Select(x => Entry(x.Step, x.Case, at)).ToList(), total, at);
    }

    /// <summary>
    /// Every open step counted per department (SQL <c>GROUP BY</c> over all of them), and those in warning or overdue,
    /// worst first, one page of <paramref name="attentionPageSize"/> (docs/benchmarks.md, "Queries that stop early").
    /// </summary>
    /// <remarks>
    /// Only the steps whose level can be above normal are read and their clocks evaluated: a running clock is in
    /// warning or overdue only when its due instant lies before <see cref="AttentionHorizon"/>, so the steps due later
    /// (the bulk at a city's scale) are counted in SQL and never read. Steps whose clocks have stood still or have no
    /// stored due instant are always read, so the levels are exactly those the clocks give.
    /// </remarks>
    public async Task<SupervisionOverview> OverviewAsync(int attentionPage = 1, int attentionPageSize = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<StepRow>().AsNoTracking().Where(s => EF.Constant(OpenStepStates).Contains(s.State))
            .GroupBy(s => new { s.Department, s.State }).Select(g => new { g.Key.Department, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var horizon = await AttentionHorizonAsync(db, at, cancellationToken);
        var candidates = await OpenSteps(db, null)
            .Where(x => x.Step.State == StepState.Open && (x.Step.StatutoryLimit > 0
                ? x.Step.Suspensions != "" || x.Step.StatutoryDue == null || x.Step.PromisedDue <= horizon || x.Step.StatutoryDue <= horizon
                : x.Case.AcceptedAt != null && (x.Case.Suspended || x.Case.Suspensions != "" || x.Case.StatutoryDue == null || x.Case.PromisedDue <= horizon || x.Case.StatutoryDue <= horizon)))
            .ToListAsync(cancellationToken);
        // Levels from the step's own clocks alone where it has them; the full entries only for the page shown.
        var attention = candidates.Select(x => (Row: x, Clocks: LevelClocks(x.Step, x.Case, at)))
            .Where(e => e.Clocks?.Level is DeadlineLevel.Warning or DeadlineLevel.Overdue)
            .OrderByDescending(e => e.Clocks!.Level).ThenBy(e => e.Clocks!.TightestRemaining()).ThenBy(e => e.Row.Step.Id, StringComparer.Ordinal)
            .Select(e => (e.Row, e.Row.Step.Department, e.Clocks!.Level))
            .ToList();
        var departments = counts.GroupBy(c => c.Department)
            .Select(g => new DepartmentLoad(g.Key, g.Sum(c => c.Count),
                g.Where(c => c.State == StepState.WaitingForSupplement).Sum(c => c.Count),
                attention.Count(e => e.Department == g.Key && e.Level == DeadlineLevel.Warning),
                attention.Count(e => e.Department == g.Key && e.Level == DeadlineLevel.Overdue)))
            .OrderByDescending(d => d.Overdue).ThenByDescending(d => d.Warning).ThenBy(d => d.Department, StringComparer.Ordinal)
            .ToList();
        var page = attention.Skip((int)Math.Min(int.MaxValue, (Math.Max(1L, attentionPage) - 1) * attentionPageSize)).Take(attentionPageSize)
            .Select(e => Entry(e.Row.Step, e.Row.Case, at)).ToList();
        return new SupervisionOverview(departments, page, counts.Sum(c => c.Count), at) { AttentionCount = attention.Count };
    }

    /// <summary>
    /// The instant before which a running clock's due instant must lie for the clock to be in warning or overdue at
    /// <paramref name="at"/>: the warning starts at most max(1, 20 %·limit) working days before the due instant
    /// (<see cref="DeadlineWarningPolicy.Default"/>), so with the longest limit of any open step or case, a clock started
    /// now with one working day more than that ends after every such due instant, on every calendar.
    /// </summary>
    public Instant AttentionHorizon(Instant at, int longestLimit)
    {
        var policy = DeadlineWarningPolicy.Default;
        var days = (int)Math.Ceiling(Math.Max(policy.RemainingWorkingDays, (1 - policy.ElapsedShare) * longestLimit)) + 1;
        return calendars.Ids.Select(id => new DeadlineClock(calendars.Get(id), at, days).Due ?? Instant.MaxValue).DefaultIfEmpty(Instant.MaxValue).Max();
    }

    private async Task<Instant> AttentionHorizonAsync(WorkflowDbContext db, Instant at, CancellationToken cancellationToken)
    {
        var steps = await db.Set<StepRow>().AsNoTracking().Where(s => EF.Constant(OpenStepStates).Contains(s.State)).MaxAsync(s => (int?)s.StatutoryLimit, cancellationToken) ?? 0;
        var cases = await db.Set<CaseRow>().AsNoTracking().Where(c => c.ClosedAt == null).MaxAsync(c => (int?)c.StatutoryLimit, cancellationToken) ?? 0;
        return AttentionHorizon(at, Math.Max(steps, cases));
    }

    private static IQueryable<OpenStep> OpenSteps(WorkflowDbContext db, string? department, string? state = null)
    {
        var states = state is null ? OpenStepStates : OpenStepStates.Where(s => s.ToString() == state).ToArray();
        // The states as constants in the SQL, so that the partial inbox indexes (ListIndexModule) apply.
        var steps = db.Set<StepRow>().AsNoTracking().Where(s => EF.Constant(states).Contains(s.State));
        if (department is not null) steps = steps.Where(s => s.Department == department);
        return Joined(db, steps);
    }

    private static IQueryable<OpenStep> Joined(WorkflowDbContext db, IQueryable<StepRow> steps) =>
        steps.Join(db.Set<CaseRow>().AsNoTracking(), s => s.CaseId, c => c.Id, (s, c) => new OpenStep { Step = s, Case = c });

    /// <summary>The filter's parts in SQL; the search looks into the case, its project row and the matter names of the catalogue.</summary>
    private IQueryable<OpenStep> Filtered(WorkflowDbContext db, IQueryable<OpenStep> rows, StepListFilter filter, Instant at, bool handled)
    {
        if (filter.Stage is { } stage) rows = rows.Where(x => x.Case.Stage == stage);
        if (filter.GreenChannel is { } green) rows = rows.Where(x => x.Step.GreenChannel == green);
        if (filter.Level == DeadlineLevel.Overdue)
            rows = rows.Where(x => (x.Step.PromisedDue != null && x.Step.PromisedDue < (x.Step.CompletedAt ?? at))
                || (x.Step.StatutoryDue != null && x.Step.StatutoryDue < (x.Step.CompletedAt ?? at)));
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

    /// <summary>The clocks <see cref="InboxEntry.Clocks"/> gives, without reading the case's clocks when the step has its own.</summary>
    private ClocksReading? LevelClocks(StepRow step, CaseRow @case, Instant at) =>
        step.StatutoryLimit > 0
            ? ClocksReading.Of(CaseClocks.Of(calendars.Get(@case.CalendarId.Length > 0 ? @case.CalendarId : catalogue.CalendarId), step.CreatedAt, step.StatutoryLimit,
                step.PromisedLimit, StoredSuspensions.Decode(step.Suspensions)), step.CompletedAt ?? at)
            : Entry(step, @case, at).Clocks;

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
