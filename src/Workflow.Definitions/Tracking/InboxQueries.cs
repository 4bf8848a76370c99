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
/// The supervisor's overview over every open step (效能监察), read at <paramref name="At"/>: per department, and the open
/// steps in warning or overdue, worst first.
/// </summary>
public sealed record SupervisionOverview(IReadOnlyList<DepartmentLoad> Departments, IReadOnlyList<InboxEntry> Attention, int TotalCount, Instant At);

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

    /// <summary>Every open step counted per department, and those in warning or overdue; one query whatever their number.</summary>
    public async Task<SupervisionOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await OpenSteps(db, null).ToListAsync(cancellationToken);
        var entries = rows.Select(x => Entry(x.Step, x.Case, at)).ToList();
        var departments = entries.GroupBy(e => e.Step.Department)
            .Select(g => new DepartmentLoad(g.Key, g.Count(),
                g.Count(e => e.Step.State == StepState.WaitingForSupplement),
                g.Count(e => e.Step.State == StepState.Open && e.Clocks?.Level == DeadlineLevel.Warning),
                g.Count(e => e.Step.State == StepState.Open && e.Clocks?.Level == DeadlineLevel.Overdue)))
            .OrderByDescending(d => d.Overdue).ThenByDescending(d => d.Warning).ThenBy(d => d.Department, StringComparer.Ordinal)
            .ToList();
        var attention = entries.Where(e => e.Step.State == StepState.Open && e.Clocks?.Level is DeadlineLevel.Warning or DeadlineLevel.Overdue)
            .OrderByDescending(e => e.Clocks!.Level).ThenBy(e => e.Clocks!.TightestRemaining()).ThenBy(e => e.Step.Id, StringComparer.Ordinal)
            .ToList();
        return new SupervisionOverview(departments, attention, entries.Count, at);
    }

    private static IQueryable<OpenStep> OpenSteps(WorkflowDbContext db, string? department, string? state = null)
    {
        var states = state is null ? OpenStepStates : OpenStepStates.Where(s => s.ToString() == state).ToArray();
        var steps = db.Set<StepRow>().AsNoTracking().Where(s => states.Contains(s.State));
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
        if (filter.SearchText is { } text)
        {
            var matters = filter.MatterCodes(catalogue);
            var projects = db.Set<ProjectRow>().AsNoTracking();
            rows = rows.Where(x => x.Step.CaseId.Contains(text) || (x.Case.CaseNumber != null && x.Case.CaseNumber.Contains(text)) || x.Case.ProjectName.Contains(text) || x.Case.Matters.Contains(text)
                || matters.Any(m => x.Case.Matters.Contains(m))
                || projects.Any(p => p.Id == x.Case.ProjectId && (p.Code.Contains(text) || p.Enterprise.Contains(text))));
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
