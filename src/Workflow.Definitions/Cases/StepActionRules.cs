using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.JointReview;
using Workflow.Definitions.Review;

namespace Workflow.Definitions.Cases;

/// <summary>
/// Checks a person's action on a step before anything is applied, so that a broken rule answers with the field at
/// fault and changes nothing. The activities apply the same action afterwards.
/// </summary>
public static class StepActionRules
{
    /// <summary>The outcome names a step of <paramref name="kind"/> offers, in the order forms show them.</summary>
    public static IReadOnlyList<string> OutcomesOf(StepKind kind) => kind switch
    {
        StepKind.Intake => Enum.GetNames<IntakeOutcome>(),
        StepKind.Review => Enum.GetNames<ReviewOutcome>(),
        StepKind.JointOpinion => Enum.GetNames<JointOpinion>(),
        StepKind.JointConsolidation => Enum.GetNames<JointOutcome>(),
        _ => ["Done"],
    };

    /// <summary>
    /// Throws <see cref="StepConflictException"/> when the step cannot be acted on now (closed, waiting for the
    /// applicant, opinions outstanding) and <see cref="PermitRuleViolation"/> when the action itself is wrong.
    /// </summary>
    public static void Validate(CaseFile file, StepRecord step, StepAction action, MatterCatalogue catalogue, bool waiverAllowed)
    {
        if (!step.IsOpen)
            throw new StepConflictException(step.Id, $"step {step.Id} is {step.State.ToString().ToLowerInvariant()} already ({step.Outcome})");
        if (step.State == StepState.WaitingForSupplement)
            throw new StepConflictException(step.Id, $"step {step.Id} is waiting for the applicant's supplement; it can be acted on once the materials are resubmitted");

        var outcomes = OutcomesOf(step.Kind);
        if (action.Outcome is null || !outcomes.Contains(action.Outcome))
            throw PermitRuleViolation.For("outcome", $"must be one of {string.Join(", ", outcomes)} for a {step.Kind} step");

        var errors = new Dictionary<string, string[]>();
        switch (step.Kind)
        {
            case StepKind.Intake:
                IntakeCheck.Check(file.Matters.Select(catalogue.FindMatter).OfType<Matter>().ToList(), file.PresentMaterials,
                    Enum.Parse<IntakeOutcome>(action.Outcome), action.MissingMaterials, waiverAllowed, action.CommitmentSigned);
                if (action.Outcome == nameof(IntakeOutcome.Refused) && string.IsNullOrWhiteSpace(action.Opinion))
                    errors["opinion"] = ["a refusal needs its reason (不予受理理由)"];
                break;
            case StepKind.Review:
                var outcome = Enum.Parse<ReviewOutcome>(action.Outcome);
                if (outcome == ReviewOutcome.SupplementRequested)
                {
                    if (action.MissingMaterials.Count == 0)
                        errors["missingMaterials"] = ["list every material needed at once (一次性告知): at least one {code, reason}"];
                    var unknown = action.MissingMaterials.Where(m => file.Materials.All(x => x.Code != m.Code)).Select(m => m.Code).ToList();
                    if (unknown.Count > 0)
                        errors["missingMaterials"] = [$"not materials of this case: {string.Join(", ", unknown)}"];
                    if (action.MissingMaterials.Any(m => string.IsNullOrWhiteSpace(m.Reason)))
                        errors["missingMaterials"] = ["every material asked for needs its reason"];
                }
                if (outcome == ReviewOutcome.ApprovedWithConditions && action.Conditions.Count == 0)
                    errors["conditions"] = ["an approval with conditions needs at least one condition"];
                if (outcome == ReviewOutcome.Rejected && string.IsNullOrWhiteSpace(action.Opinion))
                    errors["opinion"] = ["a rejection needs its reason"];
                break;
            case StepKind.JointOpinion:
                var opinion = Enum.Parse<JointOpinion>(action.Outcome);
                if (opinion == JointOpinion.Disagree && string.IsNullOrWhiteSpace(action.Opinion))
                    errors["opinion"] = ["a disagreement needs its reasons"];
                if (opinion == JointOpinion.AgreeWithConditions && action.Conditions.Count == 0)
                    errors["conditions"] = ["an agreement with conditions needs at least one condition"];
                break;
            case StepKind.JointConsolidation:
                var open = file.Steps.Where(s => s.ActivityId == step.ActivityId && s.Kind == StepKind.JointOpinion && s.IsOpen).ToList();
                if (open.Count > 0)
                    throw new StepConflictException(step.Id, $"waiting for the opinions of {string.Join(", ", open.Select(s => s.Department))} (or the joint deadline)");
                var given = file.Steps.Where(s => s.ActivityId == step.ActivityId && s.Kind == StepKind.JointOpinion)
                    .Select(s => Enum.Parse<JointOpinion>(s.Outcome!)).ToList();
                JointConsolidation.Validate(Enum.Parse<JointOutcome>(action.Outcome), given);
                break;
        }
        if (errors.Count > 0) throw new PermitRuleViolation(errors);
    }
}
