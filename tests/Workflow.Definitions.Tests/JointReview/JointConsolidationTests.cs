using Workflow.Definitions.Messages;
using Workflow.Definitions.JointReview;
using static Workflow.Definitions.JointReview.JointOpinion;

namespace Workflow.Definitions.Tests.JointReview;

public class JointConsolidationTests
{
    [Fact]
    public void One_disagreement_leaves_only_failed()
    {
        JointConsolidation.Allowed([Agree, Agree, Disagree, AgreeWithConditions]).Should().Equal(JointOutcome.Failed);
        var pass = () => JointConsolidation.Validate(JointOutcome.PassedWithConditions, [Agree, Disagree]);
        pass.Should().Throw<PermitRuleViolation>().Which.Errors["outcome"].Single().Code.Should().Be(RuleCodes.JointConsolidationAfterDisagreement);
    }

    [Fact]
    public void Conditions_carry_into_the_result()
    {
        JointConsolidation.Allowed([Agree, AgreeWithConditions]).Should().Equal(JointOutcome.PassedWithConditions, JointOutcome.Failed);
    }

    [Fact]
    public void Unanimous_agreement_allows_every_outcome()
    {
        JointConsolidation.Allowed([Agree, Agree]).Should().HaveCount(3);
        JointConsolidation.Validate(JointOutcome.Passed, [Agree, Agree]);
    }
}
