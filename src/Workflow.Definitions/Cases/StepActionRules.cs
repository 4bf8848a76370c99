using Workflow.Definitions.Messages;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.JointReview;
using Workflow.Definitions.Review;
using Workflow.Engine.Activities;

namespace Workflow.Definitions.Cases;

/// <summary>
/// Checks a person's action on a step before anything is applied, so that a broken rule answers with the field at
/// fault and changes nothing (<c>Steps/StepDesk</c> runs it on the instance the runtime loaded). The activities apply
/// the same action afterwards.
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
        _ => [Outcomes.Done],
    };

    /// <summary>
    /// The outcomes <paramref name="step"/> offers now: a joint consolidation offers none while opinions are outstanding and
    /// then only what the opinions allow (a disagreement: only Failed; docs/domain.md, *The rules*); other kinds all of theirs.
    /// </summary>
    public static IReadOnlyList<string> OutcomesOf(CaseFile file, StepRecord step) =>
        step.Kind == StepKind.JointConsolidation ? JointRules.Offered(file, step) : OutcomesOf(step.Kind);

    /// <summary>
    /// The rule on the outcome an action names, which needs only the step's kind (so the Host can answer it with the
    /// request's other shape errors before the case is read): null when <paramref name="outcome"/> is one of the kind's
    /// outcomes, else why not (<see cref="RuleCodes.StepOutcomeRequired"/>, <see cref="RuleCodes.StepOutcomeNotOfKind"/>).
    /// </summary>
    public static RuleMessage? CheckOutcome(StepKind kind, string? outcome)
    {
        var outcomes = string.Join(", ", OutcomesOf(kind));
        if (string.IsNullOrWhiteSpace(outcome)) return new RuleMessage(RuleCodes.StepOutcomeRequired, outcomes);
        return OutcomesOf(kind).Contains(outcome) ? null : new RuleMessage(RuleCodes.StepOutcomeNotOfKind, outcome, kind.ToString(), outcomes);
    }

    /// <summary>
    /// Throws <see cref="StepConflictException"/> when the step cannot be acted on now (closed, waiting for the
    /// applicant, opinions outstanding) and <see cref="PermitRuleViolation"/> when the action itself is wrong.
    /// </summary>
    public static void Validate(CaseFile file, StepRecord step, StepAction action, MatterCatalogue catalogue, bool waiverAllowed)
    {
        if (!step.IsOpen)
            throw new StepConflictException(step.Id, RuleCodes.StepClosed);
        if (step.State == StepState.WaitingForSupplement)
            throw new StepConflictException(step.Id, RuleCodes.StepWaitingForSupplement);

        if (CheckOutcome(step.Kind, action.Outcome) is { } wrongOutcome)
            throw new PermitRuleViolation(new Dictionary<string, RuleMessage[]> { ["outcome"] = [wrongOutcome] });

        // The input limits first (docs/api.md, Input limits): an over-long text is never stored, whatever the kind.
        var limits = new Dictionary<string, RuleMessage[]>();
        InputLimits.Check(limits, "opinion", action.Opinion, InputLimits.Opinion);
        if (action.Conditions.Count > InputLimits.Conditions) limits["conditions"] = [new(RuleCodes.TooManyItems, InputLimits.Conditions)];
        for (var i = 0; i < action.Conditions.Count; i++) InputLimits.Check(limits, "conditions", action.Conditions[i], InputLimits.Condition);
        for (var i = 0; i < action.MissingMaterials.Count; i++) InputLimits.Check(limits, "missingMaterials", action.MissingMaterials[i].Reason, InputLimits.Reason);
        InputLimits.Check(limits, "certificateNumber", action.CertificateNumber, InputLimits.CertificateNumber);
        if (limits.Count > 0) throw new PermitRuleViolation(limits);

        // Each kind's rules live beside its flow (Intake/, Review/, JointReview/).
        var errors = step.Kind switch
        {
            StepKind.Intake => IntakeCheck.Validate(file, action, catalogue, waiverAllowed),
            StepKind.Review => ReviewFlow.Validate(file, action),
            StepKind.JointOpinion => JointRules.ValidateOpinion(action),
            StepKind.JointConsolidation => JointRules.ValidateConsolidation(file, step, action),
            _ => [],
        };
        if (errors.Count > 0) throw new PermitRuleViolation(errors);
    }
}
