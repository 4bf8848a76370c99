using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>What a case list is filtered by; null parts do not filter.</summary>
/// <param name="Agent">Only this agent's cases.</param>
/// <param name="Department">Only cases with a step in this department's inbox.</param>
/// <param name="State">Only cases in this state.</param>
/// <param name="Stage">Only cases of this stage.</param>
/// <param name="Overdue">Only open cases whose promised deadline has passed.</param>
/// <param name="List">
/// The list parameters shared with the inboxes (docs/api.md, *Lists*): search, department, level, green channel, filing
/// dates; its state and stage are given as <paramref name="State"/> and <paramref name="Stage"/>.
/// </param>
/// <param name="Sort">The order; null for the most recently changed first.</param>
public sealed record CaseFilter(string? Agent = null, string? Department = null, CaseState? State = null, Stage? Stage = null, bool Overdue = false,
    StepListFilter? List = null, ListSort? Sort = null);

/// <summary>A page of cases, every clock read at <paramref name="At"/>.</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Items, int TotalCount, Instant At);

/// <summary>
/// Cases for the API and the pages: lists from the projection tables (one count, one read), one case as a
/// <see cref="CaseSnapshot"/> from its case file and journal, read at one instant.
/// </summary>
public sealed class CaseQueries(
    IDbContextFactory<WorkflowDbContext> contexts, IWorkflowInstanceStore instances, CalendarRegistry calendars, MatterCatalogue catalogue, IClock clock)
{
    /// <summary>Cases, most recently changed first, filtered by <paramref name="filter"/>.</summary>
    public async Task<CasePage> ListAsync(CaseFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<CaseRow>().AsNoTracking();
        if (filter.Agent is { } agent) query = query.Where(c => c.Agent == agent);
        if (filter.Department is { } department) query = query.WithStepIn(db, department);
        if (filter.State is { } state) query = query.Where(c => c.State == state);
        if (filter.Stage is { } stage) query = query.Where(c => c.Stage == stage);
        if (filter.Overdue)
        {
            var open = CaseStates.Open.ToArray();
            query = query.Where(c => open.Contains(c.State) && c.PromisedDue < at);
        }
        if (filter.List is { } list) query = Narrowed(db, query, list, at);
        var total = await query.CountAsync(cancellationToken);
        var ordered = filter.Sort switch
        {
            // As the inboxes: green channel first, then the earliest promised due, undated last.
            ListSort.Due => query.OrderByDescending(c => c.GreenChannel).ThenBy(c => c.PromisedDue == null).ThenBy(c => c.PromisedDue).ThenBy(c => c.SubmittedAt),
            ListSort.Newest => query.OrderByDescending(c => c.SubmittedAt),
            ListSort.Oldest => query.OrderBy(c => c.SubmittedAt),
            _ => query.OrderByDescending(c => c.UpdatedAt),
        };
        var rows = await ordered.ThenBy(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new CasePage(rows.Select(r => Summary(r, at)).ToList(), total, at);
    }

    /// <summary>The cases of a project, oldest first, read now.</summary>
    public async Task<IReadOnlyList<CaseSummary>> OfProjectAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<CaseRow>().AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.SubmittedAt).ToListAsync(cancellationToken);
        return rows.Select(r => Summary(r, at)).ToList();
    }

    /// <summary>The case read now, or null when there is no such case.</summary>
    public async Task<CaseSnapshot?> FindAsync(string caseId, CancellationToken cancellationToken = default)
    {
        var instance = await instances.FindAsync(caseId, cancellationToken);
        // A designer's test run (IsTest) carries a case file but is no case (docs/studio.md "Test runs").
        if (instance is not { IsTest: false } || CaseFiles.FileOf(instance) is not { } file) return null;
        var journal = await instances.GetJournalAsync(caseId, cancellationToken);
        var snapshot = CaseSnapshot.Of(file, journal, catalogue, calendars.Get(file.CalendarId), clock.GetCurrentInstant());
        if (file.CaseNumber is not null) return snapshot;
        // Filed before case numbers: the migration numbered its row; the case file gets it on its next save (docs/domain.md, *Case numbers*).
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<CaseRow>().AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.CaseNumber, c.QueryCode }).FirstOrDefaultAsync(cancellationToken);
        return snapshot with { CaseNumber = row?.CaseNumber, QueryCode = row?.QueryCode };
    }

    /// <summary>The shared list parameters on case rows; the search looks into the case, its project row and the catalogue's matter names.</summary>
    private IQueryable<CaseRow> Narrowed(WorkflowDbContext db, IQueryable<CaseRow> query, StepListFilter list, Instant at)
    {
        if (list.Department is { } department) query = query.WithStepIn(db, department);
        if (list.GreenChannel is { } green) query = query.Where(c => c.GreenChannel == green);
        if (list.Level == DeadlineLevel.Overdue) query = query.Overdue(at);
        if (list.From is { } from) query = query.Where(c => c.SubmittedAt >= from);
        if (list.To is { } to) query = query.Where(c => c.SubmittedAt < to);
        if (list.SearchText is not null)
        {
            var found = CaseSearch.Matching(db, list, catalogue);
            query = query.Where(c => found.Any(f => f.Id == c.Id));
        }
        return query;
    }

    private CaseSummary Summary(CaseRow row, Instant at) =>
        CaseSummary.Of(row, calendars.Get(row.CalendarId.Length > 0 ? row.CalendarId : catalogue.CalendarId), at);
}
