using Workflow.Definitions.Messages;
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
    /// The rules of an action on a review step (see <see cref="StepActionRules"/>): a supplement request lists every
    /// material of the case it needs, each with its reason; conditions and a rejection's reason are required. Answers the fields at fault.
    /// </summary>
    public static Dictionary<string, RuleMessage[]> Validate(CaseFile file, StepAction action)
    {
        var errors = new Dictionary<string, RuleMessage[]>();
        var outcome = Enum.Parse<ReviewOutcome>(action.Outcome!);
        if (outcome == ReviewOutcome.SupplementRequested)
        {
            if (action.MissingMaterials.Count == 0)
                errors["missingMaterials"] = [new(RuleCodes.ReviewSupplementEmpty)];
            var unknown = action.MissingMaterials.Where(m => file.Materials.All(x => x.Code != m.Code)).Select(m => m.Code).ToList();
            if (unknown.Count > 0)
                errors["missingMaterials"] = [new(RuleCodes.ReviewSupplementUnknown, string.Join(", ", unknown))];
            if (action.MissingMaterials.Any(m => string.IsNullOrWhiteSpace(m.Reason)))
                errors["missingMaterials"] = [new(RuleCodes.ReviewSupplementReason)];
        }
        if (outcome == ReviewOutcome.ApprovedWithConditions && action.Conditions.Count == 0)
            errors["conditions"] = [new(RuleCodes.ReviewConditionsMissing)];
        if (outcome == ReviewOutcome.Rejected && string.IsNullOrWhiteSpace(action.Opinion))
            errors["opinion"] = [new(RuleCodes.ReviewRejectionReason)];
        return errors;
    }

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
                file.Resume(step, now);
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
            file.CloseStep(step, outcome.ToString(), action, now);
            return outcome;
        }

        var items = action.MissingMaterials;
        // The notice first: whether an item repeats an earlier return depends on the materials as they are before this request.
        file.IssueNotice(step,
            items.Select(i => new NoticeItem(step.MatterCode ?? "", i.Code, file.Materials.FirstOrDefault(m => m.Code == i.Code)?.Name ?? i.Code, i.Reason)).ToList(),
            action.Actor, now);
        step.SupplementRequests.Add(new SupplementRequest(items, file.PresentMaterials.Order().ToList(), now));
        var requested = items.Select(i => i.Code).ToHashSet();
        for (var i = 0; i < file.Materials.Count; i++)
            if (requested.Contains(file.Materials[i].Code))
                file.Materials[i] = file.Materials[i] with { Present = false };
        step.Opinion = action.Opinion;
        step.Version++;
        if (supplementLeavesStep)
        {
            file.CloseStep(step, nameof(ReviewOutcome.SupplementRequested), action, now);
            return ReviewOutcome.SupplementRequested;
        }
        file.Suspend(step, $"补正：{step.Title}", now);
        PermitActivity.Bookmark(context, file, step);
        return null;
    }
}
