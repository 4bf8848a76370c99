using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Audit;

/// <summary>
/// Writes the audit entries of a workflow save inside its transaction (docs/audit.md): the facts the flow handed over with
/// <see cref="AuditScope.Record"/>, and the facts read from the case file itself by comparing it with the case and step rows
/// as they stood before this save (<see cref="CaseChanges"/>): filing, every step opened, acted on, sent for supplement,
/// resumed or cancelled, suspensions and resumptions, materials supplied, repeated returns, commitments, issuance. So no
/// change of a case can commit without its entries, whichever desk or timer made it.
/// </summary>
public sealed class CaseAuditParticipant(IClock clock) : IWorkflowSaveParticipant
{
    private readonly ConditionalWeakTable<WorkflowSaveContext, IReadOnlyList<AuditFact>> _handedOver = [];

    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        var db = context.DbContext;
        var actor = AuditScope.Actor;
        var facts = new List<AuditFact>();
        var file = context.Instance.IsTest ? null : CaseFileJson.FromNode(context.Instance.Variables[CaseFile.VariableName]);
        var pending = AuditScope.Pending();
        _handedOver.AddOrUpdate(context, pending);
        facts.AddRange(pending.Select(f => f.CaseId is null && file is not null ? f with { CaseId = file.CaseId } : f));
        if (file is not null)
        {
            var (before, steps) = await RowsBeforeAsync(db, file.CaseId, cancellationToken);
            facts.AddRange(CaseChanges.Between(before, steps, file, actor));
        }
        await AuditChain.AppendAsync(db, facts, clock.GetCurrentInstant(), actor, cancellationToken);
    }

    /// <summary>
    /// The case and step rows as committed before this save. The projection (registered before this participant) has
    /// loaded them and staged its changes: their original values are the committed ones, so no query is needed. Without
    /// the projection's entries (a module that does not project), they are read untracked, which also gives the committed rows.
    /// </summary>
    private static async Task<(CaseRow? Case, IReadOnlyDictionary<string, StepRow> Steps)> RowsBeforeAsync(WorkflowDbContext db, string caseId, CancellationToken cancellationToken)
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

    public Task OnSavedAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        if (_handedOver.TryGetValue(context, out var written))
        {
            AuditScope.Forget(written);
            _handedOver.Remove(context);
        }
        return Task.CompletedTask;
    }
}
