using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// Keeps <c>sup_timers</c> in step with the case file inside every save's transaction (docs/supervision.md, Timers):
/// a timer whose clock moved is moved, one whose clock stopped or whose step closed is removed, and a new clock's
/// timers are added — except those whose card has already fired, so no card fires twice.
/// </summary>
public sealed class CardTimerProjection(CalendarRegistry calendars, MatterCatalogue catalogue) : IWorkflowSaveParticipant
{
    /// <inheritdoc />
    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        if (context.Instance.IsTest) return;
        var file = CaseFileJson.FromNode(context.Instance.Variables[CaseFile.VariableName]);
        if (file is null || calendars.Find(file.CalendarId) is not { } calendar) return;
        var db = context.DbContext;

        var pending = await db.Set<DeadlineTimerRow>().Where(t => t.CaseId == file.CaseId).ToDictionaryAsync(t => t.Id, cancellationToken);
        var wanted = CardTimers.Of(file, calendar, catalogue).ToList();
        var fired = wanted.Count == 0 ? [] : await db.Set<CardRow>().Where(c => c.CaseId == file.CaseId).Select(c => c.Id).ToHashSetAsync(cancellationToken);
        foreach (var timer in wanted.Where(t => !fired.Contains(t.Id)))
        {
            if (pending.Remove(timer.Id, out var row))
            {
                if (row.FireAt != timer.FireAt) row.FireAt = timer.FireAt;
                if (row.DueAt != timer.DueAt) row.DueAt = timer.DueAt;
            }
            else db.Add(timer);
        }
        db.RemoveRange(pending.Values);
    }
}
