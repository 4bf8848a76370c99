using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>A project in a list, with its latest case (null before the first application).</summary>
public sealed record ProjectListItem(ProjectRow Project, CaseSummary? Latest);

/// <summary>A page of projects.</summary>
public sealed record ProjectPage(IReadOnlyList<ProjectListItem> Items, int TotalCount);

/// <summary>
/// Projects for the API and the pages, from <c>permit_projects</c>, <c>permit_cases</c> and <c>permit_steps</c>: a page in
/// three queries whatever its size, a project's tracker in two whatever its number of cases (docs/architecture.md).
/// </summary>
public sealed class ProjectQueries(IDbContextFactory<WorkflowDbContext> contexts, CalendarRegistry calendars, MatterCatalogue catalogue, IClock clock)
{
    /// <summary>The project's row, or null when no project has this id.</summary>
    public async Task<ProjectRow?> FindAsync(string projectId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ProjectRow>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, cancellationToken);
    }

    /// <summary>
    /// The tracker of project <paramref name="projectId"/>: its cases (oldest first) with their steps, what the applicant
    /// owes and the grid, every clock read at one instant; two queries (cases, steps), no case file read.
    /// </summary>
    public async Task<ProjectTrack> TrackAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = await db.Set<CaseRow>().AsNoTracking().Where(c => c.ProjectId == projectId)
            .OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var steps = (await db.Set<StepRow>().AsNoTracking().Where(s => s.ProjectId == projectId).ToListAsync(cancellationToken))
            // A step's id is its case's id and its place in the case file (CaseFile.Steps): the order the file holds them in.
            .OrderBy(s => s.Id.Length).ThenBy(s => s.Id, StringComparer.Ordinal)
            .ToLookup(s => s.CaseId);
        var tracked = cases.Select(row =>
        {
            var calendar = calendars.Get(row.CalendarId.Length > 0 ? row.CalendarId : catalogue.CalendarId);
            return new ProjectCase(CaseSummary.Of(row, calendar, at),
                steps[row.Id].Select(s => StepSnapshot.Of(s, row.ProjectName, calendar, at, row.CaseNumber)).ToList(),
                row.OwedMaterials(), row.CaseWorkflow(), calendar.Zone);
        }).ToList();
        return new ProjectTrack(tracked, ProjectTracker.Build(catalogue, tracked), at);
    }

    /// <summary>
    /// One page of projects, only <paramref name="agent"/>'s when given, narrowed and ordered by the lists' parameters
    /// (docs/api.md, *Lists*; null: none, newest first). The search finds the project's code, name or enterprise, or one
    /// of its cases (<see cref="CaseSearch"/>: case number, matter …); <c>greenChannel</c> is the project's and
    /// <c>from</c>/<c>to</c> bound its registration; <c>state</c>, <c>stage</c>, <c>department</c> (a step there) and
    /// <c>level=Overdue</c> read its current case (<see cref="CaseRowFilters.Current"/>, the one the list shows).
    /// <see cref="ListSort.Newest"/> and <see cref="ListSort.Oldest"/> follow the registration along the indexes
    /// <c>ix_permit_projects_created*</c> (the first page reads them in order and stops); <see cref="ListSort.Due"/> puts
    /// key projects first, then the earliest promised due of an open case, projects without one last (a sort).
    /// </summary>
    public async Task<ProjectPage> ListAsync(string? agent, StepListFilter? filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        filter ??= StepListFilter.None with { Sort = ListSort.Newest };
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<ProjectRow>().AsNoTracking();
        if (agent is not null) query = query.Where(p => p.Agent == agent);
        if (filter.GreenChannel is { } green) query = query.Where(p => p.GreenChannel == green);
        if (filter.From is { } from) query = query.Where(p => p.CreatedAt >= from);
        if (filter.To is { } to) query = query.Where(p => p.CreatedAt < to);
        if (filter.SearchText is { } text)
        {
            var found = CaseSearch.Matching(db, filter, catalogue).Select(c => c.ProjectId);
            query = query.Where(p => p.Code.Contains(text) || p.Name.Contains(text) || p.Enterprise.Contains(text) || found.Contains(p.Id));
        }
        if (filter.State is not null || filter.Stage is not null || filter.Department is not null || filter.Level == DeadlineLevel.Overdue)
        {
            var current = CaseRowFilters.Current(db);
            if (filter.State is { } stateName && Enum.TryParse<CaseState>(stateName, out var state)) current = current.Where(c => c.State == state);
            if (filter.Stage is { } stage) current = current.Where(c => c.Stage == stage);
            if (filter.Department is { } department) current = current.WithStepIn(db, department);
            if (filter.Level == DeadlineLevel.Overdue) current = current.Overdue(at);
            var projectIds = current.Select(c => c.ProjectId);
            query = query.Where(p => projectIds.Contains(p.Id));
        }
        var total = await query.CountAsync(cancellationToken);
        var open = CaseStates.Open.ToArray();
        var ordered = filter.Sort switch
        {
            ListSort.Oldest => query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
            ListSort.Due => query
                .Select(p => new
                {
                    Project = p,
                    Due = db.Set<CaseRow>().Where(c => c.ProjectId == p.Id && EF.Constant(open).Contains(c.State) && c.PromisedDue != null)
                        .OrderBy(c => c.PromisedDue).Select(c => c.PromisedDue).FirstOrDefault(),
                })
                .OrderByDescending(x => x.Project.GreenChannel).ThenBy(x => x.Due == null).ThenBy(x => x.Due)
                .ThenByDescending(x => x.Project.CreatedAt).ThenByDescending(x => x.Project.Id).Select(x => x.Project),
            _ => query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        };
        var projects = await ordered.Skip((int)Math.Min(int.MaxValue, (Math.Max(1L, page) - 1) * pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        var ids = projects.Select(p => p.Id).ToList();
        var cases = await db.Set<CaseRow>().AsNoTracking().Where(c => ids.Contains(c.ProjectId)).ToListAsync(cancellationToken);
        // The current case as CaseRowFilters.Current reads it: the latest filed, ties by id.
        var latest = cases.GroupBy(c => c.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Last());
        return new ProjectPage(projects.Select(p => new ProjectListItem(p,
            latest.TryGetValue(p.Id, out var row) ? CaseSummary.Of(row, calendars.Get(row.CalendarId.Length > 0 ? row.CalendarId : catalogue.CalendarId), at) : null)).ToList(), total);
    }
}
