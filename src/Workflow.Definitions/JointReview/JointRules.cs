using Workflow.Definitions.Messages;
using Workflow.Definitions.Cases;

namespace Workflow.Definitions.JointReview;

/// <summary>The rules of an action on a joint-review step (see <see cref="StepActionRules"/>), beside the joint flow.</summary>
internal static class JointRules
{
    /// <summary>A disagreement gives its reasons; an agreement with conditions names them.</summary>
    public static Dictionary<string, RuleMessage[]> ValidateOpinion(StepAction action)
    {
        var errors = new Dictionary<string, RuleMessage[]>();
        var opinion = Enum.Parse<JointOpinion>(action.Outcome!);
        if (opinion == JointOpinion.Disagree && string.IsNullOrWhiteSpace(action.Opinion))
            errors["opinion"] = [new(RuleCodes.JointDisagreementReason)];
        if (opinion == JointOpinion.AgreeWithConditions && action.Conditions.Count == 0)
            errors["conditions"] = [new(RuleCodes.JointConditionsMissing)];
        return errors;
    }

    /// <summary>The lead department consolidates once every opinion is in, with an outcome the opinions allow (<see cref="JointConsolidation"/>).</summary>
    /// <exception cref="StepConflictException">Opinions are still outstanding.</exception>
    public static Dictionary<string, RuleMessage[]> ValidateConsolidation(CaseFile file, StepRecord step, StepAction action)
    {
        var open = file.Steps.Where(s => s.ActivityId == step.ActivityId && s.Kind == StepKind.JointOpinion && s.IsOpen).ToList();
        if (open.Count > 0)
            throw new StepConflictException(step.Id, RuleCodes.JointOpinionsOutstanding, CatalogueNames.Departments(open.Select(s => s.Department)));
        var given = file.Steps.Where(s => s.ActivityId == step.ActivityId && s.Kind == StepKind.JointOpinion)
            .Select(s => Enum.Parse<JointOpinion>(s.Outcome!)).ToList();
        JointConsolidation.Validate(Enum.Parse<JointOutcome>(action.Outcome!), given);
        return [];
    }
}
