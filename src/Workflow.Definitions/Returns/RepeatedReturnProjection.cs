using Workflow.Definitions.Persistence;
using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Cases;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Returns;

/// <summary>
/// Appends the case file's new repeated returns to <c>sup_returns</c> inside every save's transaction, so a return is
/// listed exactly when the notice that made it was committed.
/// </summary>
internal sealed class RepeatedReturnProjection : IWorkflowSaveParticipant
{
    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        if (SavedCaseFile.Of(context) is not { RepeatedReturns.Count: > 0 } file) return;
        var db = context.DbContext;
        var recorded = await db.Set<RepeatedReturnRow>().CountAsync(r => r.CaseId == file.CaseId, cancellationToken);
        for (var n = recorded; n < file.RepeatedReturns.Count; n++)
        {
            var r = file.RepeatedReturns[n];
            db.Add(new RepeatedReturnRow
            {
                Id = $"{file.CaseId}|{n}", CaseId = file.CaseId, StepId = r.StepId, Department = r.Department, MaterialCode = r.MaterialCode,
                Reason = r.Reason, Actor = r.Actor, At = r.At, UnchallengedAt = r.UnchallengedAt,
            });
        }
    }
}
