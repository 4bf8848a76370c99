using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// The case and step rows as committed before a save, for the save participants that tell what a save changed (the audit
/// chain, docs/audit.md; the agents' notifications, docs/notifications.md).
/// </summary>
public static class CaseRowsBefore
{
    /// <summary>
    /// The projection (registered before the readers) has loaded the rows and staged its changes: their original values
    /// are the committed ones, so no query is needed. Without the projection's entries (a module that does not project),
    /// they are read untracked, which also gives the committed rows. A case being filed has no rows before (null).
    /// </summary>
    public static async Task<(CaseRow? Case, IReadOnlyDictionary<string, StepRow> Steps)> ReadAsync(WorkflowDbContext db, string caseId, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<CaseRow>().FirstOrDefault(e => e.Entity.Id == caseId);
        if (tracked is not null)
        {
            if (tracked.State == EntityState.Added) return (null, new Dictionary<string, StepRow>());
            var steps = db.ChangeTracker.Entries<StepRow>()
                .Where(e => e.Entity.CaseId == caseId && e.State != EntityState.Added)
                .Select(e => (StepRow)e.OriginalValues.ToObject())
                .ToDictionary(s => s.Id);
            return ((CaseRow)tracked.OriginalValues.ToObject(), steps);
        }

        var before = await db.Set<CaseRow>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        IReadOnlyDictionary<string, StepRow> rows = before is null
            ? new Dictionary<string, StepRow>()
            : await db.Set<StepRow>().AsNoTracking().Where(s => s.CaseId == caseId).ToDictionaryAsync(s => s.Id, cancellationToken);
        return (before, rows);
    }
}
