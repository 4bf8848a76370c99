using System.Text.Json.Nodes;
using Workflow.Definitions.Intake;
using Workflow.Testing;

namespace Workflow.Definitions.Tests.Intake;

/// <summary>
/// Whether a workflow's intake may accept with waiver, read from its definition (the apply form marks 可容缺 from it):
/// the intake's <c>allowWaiver</c> literal, an expression counted as "may", no intake or no switch as "may not".
/// </summary>
public class IntakeWaiverPolicyTests
{
    [Theory]
    [InlineData("Literal", "False", false)]
    [InlineData("Literal", "True", true)]
    [InlineData("Literal", "true", true)]
    [InlineData("JavaScript", "getVariable('waive')", true)]
    public void The_intakes_switch_decides(string expressionType, string value, bool expected)
    {
        var json = JsonNode.Parse(SmallFlow.Json("waiver-policy", ["ZJJ-001"]))!;
        var intake = json["root"]!["activities"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Permits.Intake")!;
        intake["allowWaiver"]!["expression"] = new JsonObject { ["type"] = expressionType, ["value"] = value };

        IntakeWaiverPolicy.AllowsWaiver(json.ToJsonString()).Should().Be(expected);
    }

    [Fact]
    public void An_intake_without_the_switch_or_no_intake_takes_no_waiver()
    {
        var json = JsonNode.Parse(SmallFlow.Json("waiver-policy", ["ZJJ-001"]))!;
        json["root"]!["activities"]!.AsArray().Single(a => a!["type"]!.GetValue<string>() == "Permits.Intake")!.AsObject().Remove("allowWaiver");
        IntakeWaiverPolicy.AllowsWaiver(json.ToJsonString()).Should().BeFalse();
        IntakeWaiverPolicy.AllowsWaiver(SmallFlow.Json("waiver-policy", ["ZJJ-001"], withIntake: false)).Should().BeFalse();
    }
}
