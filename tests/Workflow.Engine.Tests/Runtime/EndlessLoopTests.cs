using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>
/// The loop guard counts runs of the same activity within one start or resume, not activities run (issue 15, item 6;
/// docs/definition-format.md, "Endless loops").
/// </summary>
public class EndlessLoopTests
{
    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task A_loop_that_never_waits_faults_instead_of_hanging(FlowchartMode mode)
    {
        var (_, runtime, _) = TestFlow.Engine(o => { o.MaxActivitiesPerRun = 500; o.DefaultFlowchartMode = mode; });
        var flow = new TestFlow().Add("start", "Elsa.Start").Add("a", "Elsa.WriteLine", new { text = "again" })
            .Add("d", "Elsa.FlowDecision", new { condition = "False" })
            .Connect("start", "a").Connect("a", "d").Connect("d", "a", "False");

        var result = await runtime.StartAsync(flow.Definition());

        result.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        result.Instance.Fault!.Message.Should().Contain("WriteLine a reached 500 runs without the workflow waiting");
        result.Output.Should().HaveCount(499, "the 500th run of the WriteLine is the one refused");
    }

    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task A_straight_chain_of_ten_thousand_activities_runs_to_the_end(FlowchartMode mode)
    {
        var (_, runtime, _) = TestFlow.Engine(o => o.DefaultFlowchartMode = mode);
        var flow = new TestFlow().Add("start", "Elsa.Start");
        var previous = "start";
        for (var i = 1; i <= 10_000; i++)
        {
            flow.Add($"a{i}", "Elsa.SetVariable", new { variable = System.Text.Json.Nodes.JsonValue.Create("n"), value = i.ToString() });
            flow.Connect(previous, $"a{i}");
            previous = $"a{i}";
        }
        flow.Variable("n", "Int32", "0");

        var result = await runtime.StartAsync(flow.Definition());

        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Instance.Variables["n"]!.ToString().Should().Be("10000", "the last of the chain ran");
    }

    [Fact]
    public async Task A_ten_thousand_iteration_while_loop_is_stopped()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var flow = new TestFlow().Add("loop", "Elsa.While", new
        {
            condition = TestFlow.Js("getVariable('n') < 10000"),
            body = new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = "inc", ["type"] = "Elsa.SetVariable", ["variable"] = "n",
                ["value"] = TestFlow.Js("getVariable('n') + 1", "Int32").ToJson(),
            },
        }).Variable("n", "Int32", "0");

        var result = await runtime.StartAsync(flow.Definition());

        result.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        result.Instance.Fault!.Message.Should().Contain("Elsa.SetVariable inc reached 10000 runs");
        result.Instance.Variables["n"]!.GetValue<int>().Should().Be(9_999, "the 10,000th iteration is the one refused");
    }
}
