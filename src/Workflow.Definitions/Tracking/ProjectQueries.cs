using Microsoft.EntityFrameworkCore;
using NodaTime;
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

    /// <summary>Projects, newest first; only <paramref name="agent"/>'s when given; <paramref name="search"/> matches code, name or enterprise.</summary>
    public async Task<ProjectPage> ListAsync(string? agent, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var at = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<ProjectRow>().AsNoTracking();
        if (agent is not null) query = query.Where(p => p.Agent == agent);
        if (!string.IsNullOrWhiteSpace(search)) query = query.Where(p => p.Code.Contains(search) || p.Name.Contains(search) || p.Enterprise.Contains(search));
        var total = await query.CountAsync(cancellationToken);
        var projects = await query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = projects.Select(p => p.Id).ToList();
        var cases = await db.Set<CaseRow>().AsNoTracking().Where(c => ids.Contains(c.ProjectId)).ToListAsync(cancellationToken);
        var latest = cases.GroupBy(c => c.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.SubmittedAt).Last());
        return new ProjectPage(projects.Select(p => new ProjectListItem(p,
            latest.TryGetValue(p.Id, out var row) ? CaseSummary.Of(row, calendars.Get(row.CalendarId.Length > 0 ? row.CalendarId : catalogue.CalendarId), at) : null)).ToList(), total);
    }
}
