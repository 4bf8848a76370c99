using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// Computes <see cref="StepRow.WarningAt"/> and <see cref="StepRow.OverdueAt"/> of the open rows the schema step that
/// added them marked (<see cref="StepRow.LevelsPending"/>): SQL has no working calendars, so the migration cannot. Each
/// row's clocks come from its own columns (start, limits, suspensions), or its case row's for steps without limits, as
/// the lists read them — no case file is loaded. Run at start-up after the migration; afterwards every save writes them
/// (docs/supervision.md, "Counting at scale").
/// </summary>
public sealed class StepLevelBackfill(IDbContextFactory<WorkflowDbContext> contexts, CalendarRegistry calendars, MatterCatalogue catalogue)
{
    private const int Batch = 1_000;

    /// <summary>Back-fills every marked row, in batches of 1,000 rows per transaction; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var done = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var steps = await db.Set<StepRow>().Where(s => s.LevelsPending == true).OrderBy(s => s.Id).Take(Batch).ToListAsync(cancellationToken);
            if (steps.Count == 0) return done;
            var caseIds = steps.Select(s => s.CaseId).Distinct().ToList();
            var cases = await db.Set<CaseRow>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            foreach (var step in steps) step.SetLevels(cases.TryGetValue(step.CaseId, out var @case) ? Levels(step, @case) : LevelInstants.None);
            await db.SaveChangesAsync(cancellationToken);
            done += steps.Count;
        }
    }

    private LevelInstants Levels(StepRow step, CaseRow @case)
    {
        if (step.State != StepState.Open) return LevelInstants.None; // as PermitProjection: waiting is never late
        if (calendars.Find(@case.CalendarId.Length > 0 ? @case.CalendarId : catalogue.CalendarId) is not { } calendar) return LevelInstants.None;
        if (step.StatutoryLimit > 0)
            return LevelInstants.Of(CaseClocks.Of(calendar, step.CreatedAt, step.StatutoryLimit, step.PromisedLimit, StoredSuspensions.Decode(step.Suspensions)));
        return @case.AcceptedAt is { } accepted
            ? LevelInstants.Of(CaseClocks.Of(calendar, accepted, @case.StatutoryLimit, @case.PromisedLimit, StoredSuspensions.Decode(@case.Suspensions)))
            : LevelInstants.None;
    }
}
