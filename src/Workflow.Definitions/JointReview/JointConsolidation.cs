using Workflow.Definitions.Messages;
namespace Workflow.Definitions.JointReview;

/// <summary>
/// How the lead department may consolidate the participants' opinions (牵头部门汇总意见). A disagreement can
/// only end in <see cref="JointOutcome.Failed"/>; conditions of any participant carry into the result, so an
/// unconditional pass needs every participant to agree without conditions. The lead may always fail the review.
/// </summary>
internal static class JointConsolidation
{
    /// <summary>The outcomes the lead may choose given every participant's opinion.</summary>
    public static IReadOnlyList<JointOutcome> Allowed(IReadOnlyCollection<JointOpinion> opinions)
    {
        if (opinions.Contains(JointOpinion.Disagree)) return [JointOutcome.Failed];
        if (opinions.Contains(JointOpinion.AgreeWithConditions)) return [JointOutcome.PassedWithConditions, JointOutcome.Failed];
        return [JointOutcome.Passed, JointOutcome.PassedWithConditions, JointOutcome.Failed];
    }

    /// <summary>Throws <see cref="PermitRuleViolation"/> on the <c>outcome</c> field when <paramref name="outcome"/> is not allowed.</summary>
    public static void Validate(JointOutcome outcome, IReadOnlyCollection<JointOpinion> opinions)
    {
        var allowed = Allowed(opinions);
        if (!allowed.Contains(outcome))
            throw PermitRuleViolation.For("outcome",
                opinions.Contains(JointOpinion.Disagree) ? RuleCodes.JointConsolidationAfterDisagreement : RuleCodes.JointConsolidationAfterConditions,
                string.Join(", ", allowed));
    }
}
