using System.Text.Json.Nodes;
using Workflow.Definitions.Cases;
using Workflow.Engine.Activities;

namespace Workflow.Definitions.Commitments;

/// <summary>
/// 容缺材料补齐: waits until every waived material of the case is supplied (<c>Fulfilled</c>), or until an open
/// commitment passes its due date (<c>Overdue</c>). It waits on two bookmarks: the applicant's materials, and a
/// timer at the earliest open due instant.
/// </summary>
[Activity("Permits", "Permits", "等待容缺材料补齐：全部补齐则继续；承诺逾期则走逾期分支（暂停或撤销预审）。Waits until every waived material is supplied, or takes Overdue when a commitment passes its due date.",
    TypeName = "AwaitCommitments", DisplayName = "等待容缺材料 Await commitments", Kind = "Task")]
[FlowOutcomes(nameof(CommitmentOutcome.Fulfilled), nameof(CommitmentOutcome.Overdue))]
public sealed class AwaitCommitmentsActivity : PermitActivity
{
    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        Decide(context, file, timerFired: false);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var timerFired = context.ResumedBookmark?.Kind == TimerKind;
        foreach (var other in context.Bookmarks) context.RemoveBookmark(other.Id);
        Decide(context, file, timerFired);
        return ValueTask.CompletedTask;
    }

    private static void Decide(ActivityExecutionContext context, CaseFile file, bool timerFired)
    {
        var now = context.Now;
        var open = file.Commitments.Where(c => c.IsOpen).ToList();
        if (open.Count == 0)
        {
            file.CommitmentsKept();
            SaveCase(context, file);
            context.Complete(nameof(CommitmentOutcome.Fulfilled));
            return;
        }
        // The harness that resumes every bookmark fires timers early: only a timer counts as "the due date passed".
        if (timerFired || open.Any(c => c.Due <= now))
        {
            SaveCase(context, file);
            context.Complete(nameof(CommitmentOutcome.Overdue));
            return;
        }
        file.AwaitCommitments();
        context.CreateBookmark(MaterialsKind, new JsonObject { ["caseId"] = file.CaseId, ["purpose"] = "Commitments" });
        context.CreateBookmark(TimerKind, new JsonObject { ["caseId"] = file.CaseId, ["purpose"] = "CommitmentDue" }, open.Min(c => c.Due));
        SaveCase(context, file);
    }
}
