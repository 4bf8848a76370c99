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
internal sealed class CaseAuditParticipant(IClock clock) : IWorkflowSaveParticipant
{
    private readonly ConditionalWeakTable<WorkflowSaveContext, IReadOnlyList<AuditFact>> _handedOver = [];

    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        var db = context.DbContext;
        var actor = AuditScope.Actor;
        var facts = new List<AuditFact>();
        var file = SavedCaseFile.Of(context);
        var pending = AuditScope.Pending();
        _handedOver.AddOrUpdate(context, pending);
        facts.AddRange(pending.Select(f => f.CaseId is null && file is not null ? f with { CaseId = file.CaseId } : f));
        if (file is not null)
        {
            var (before, steps) = await CaseRowsBefore.ReadAsync(db, file.CaseId, cancellationToken);
            facts.AddRange(CaseChanges.Between(before, steps, file, actor));
        }
        await AuditChain.AppendAsync(db, facts, clock.GetCurrentInstant(), actor, cancellationToken);
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
