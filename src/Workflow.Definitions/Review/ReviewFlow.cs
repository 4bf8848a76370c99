using Workflow.Definitions.Cases;
using Workflow.Definitions.Intake;
using Workflow.Engine.Activities;

namespace Workflow.Definitions.Review;

/// <summary>
/// What happens on a review step, shared by a standalone <see cref="DepartmentReviewActivity"/> and each branch of a
/// <see cref="ParallelReviewActivity"/>. A supplement request lists every item at once, records repeated returns,
/// stops the step's and the case's clocks and keeps the step open; the applicant's resubmission runs them again.
/// </summary>
internal static class ReviewFlow
{
    /// <summary>
    /// Applies <paramref name="action"/> to <paramref name="step"/>. Returns the step's final outcome when it was
    /// decided, or null when it keeps waiting (a new bookmark is created for it).
    /// </summary>
    public static ReviewOutcome? Apply(ActivityExecutionContext context, CaseFile file, StepRecord step, StepAction action, bool supplementLeavesStep)
    {
        var now = context.Now;
        if (action.Event == StepAction.MaterialsSuppliedEvent)
        {
            if (step.State == StepState.WaitingForSupplement)
            {
                PermitActivity.EndSuspensions(file, step, now);
                var last = step.SupplementRequests[^1];
                step.SupplementRequests[^1] = last with { ResubmittedAt = now };
                step.Version++;
            }
            PermitActivity.Bookmark(context, file, step);
            return null;
        }
        if (action.Event != StepAction.ActionEvent || step.State != StepState.Open)
        {
            PermitActivity.Bookmark(context, file, step);
            return null;
        }

        var outcome = action.Outcome is null ? ReviewOutcome.Approved : Enum.Parse<ReviewOutcome>(action.Outcome);
        if (outcome != ReviewOutcome.SupplementRequested)
        {
            PermitActivity.CloseStep(file, step, outcome.ToString(), action, now);
            return outcome;
        }

        var items = action.MissingMaterials;
        foreach (var repeated in RepeatedReturns.Find(step.SupplementRequests, items))
            file.RepeatedReturns.Add(new RepeatedReturn(step.Id, step.Department, repeated.Code, action.Actor, now));
        step.SupplementRequests.Add(new SupplementRequest(items, file.PresentMaterials.Order().ToList(), now));
        var requested = items.Select(i => i.Code).ToHashSet();
        for (var i = 0; i < file.Materials.Count; i++)
            if (requested.Contains(file.Materials[i].Code))
                file.Materials[i] = file.Materials[i] with { Present = false };
        file.Notices.Add(new OneTimeNotice(
            items.Select(i => new NoticeItem(step.MatterCode ?? "", i.Code, file.Materials.FirstOrDefault(m => m.Code == i.Code)?.Name ?? i.Code, i.Reason)).ToList(),
            now, action.Actor));
        step.Opinion = action.Opinion;
        step.Version++;
        if (supplementLeavesStep)
        {
            PermitActivity.CloseStep(file, step, nameof(ReviewOutcome.SupplementRequested), action, now);
            return ReviewOutcome.SupplementRequested;
        }
        PermitActivity.Suspend(file, step, $"补正：{step.Title}", now);
        PermitActivity.Bookmark(context, file, step);
        return null;
    }
}
