using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Activities.ControlFlow.ElsaJson;

namespace Workflow.Engine.Tests.Activities.ControlFlow;

public class BranchingActivityTests
{
    private static JsonObject If(string id, JsonObject condition, JsonObject? then = null, JsonObject? @else = null)
    {
        var a = new JsonObject { ["id"] = id, ["type"] = "Elsa.If", ["condition"] = condition };
        if (then is not null) a["then"] = then;
        if (@else is not null) a["else"] = @else;
        return a;
    }

    // Elsa.Workflows.Core/Activities/If.cs: the condition picks Then or Else; If completes when that child completes.
    [Theory]
    [InlineData(FlowchartMode.Token, "True", "yes")]
    [InlineData(FlowchartMode.Token, "False", "no")]
    [InlineData(FlowchartMode.Counter, "True", "yes")]
    [InlineData(FlowchartMode.Counter, "False", "no")]
    public async Task If_runs_the_embedded_then_or_else_and_then_follows_Done(FlowchartMode mode, string condition, string expected)
    {
        var definition = Definition([
            If("if1", Literal(condition, "Boolean"), WriteLine("then1", "yes"), WriteLine("else1", "no")),
            WriteLine("after", "after"),
        ]);

        var result = await RunAsync(definition, mode);

        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Output.Should().Equal(expected, "after");
    }

    // Elsa.Workflows.Core/Activities/If.cs sets its Result output to the condition; getOutputFrom reads it.
    [Fact]
    public async Task If_records_the_condition_as_its_Result_output()
    {
        var definition = Definition([If("if1", Js("1 + 1 === 2"))]);

        var result = await RunAsync(definition);

        var state = ExecutionState(result);
        state["outputs"]!["if1"]!["Result"]!.GetValue<bool>().Should().BeTrue();
        state["outputs"]!["$lastResult"]!.GetValue<bool>().Should().BeTrue();
    }

    // The True/False ports are this engine's addition (docs/definition-format.md); Elsa 3's If completes with Done only,
    // which a Done connection still sees. In counter mode the untaken port's path is skipped, not waited for.
    [Theory]
    [InlineData(FlowchartMode.Token, "7 > 3", "big")]
    [InlineData(FlowchartMode.Token, "7 < 3", "small")]
    [InlineData(FlowchartMode.Counter, "7 > 3", "big")]
    [InlineData(FlowchartMode.Counter, "7 < 3", "small")]
    public async Task If_in_a_flowchart_also_completes_with_True_or_False(FlowchartMode mode, string script, string expected)
    {
        var definition = Definition(
            [If("if1", Js(script)), WriteLine("big", "big"), WriteLine("small", "small"), WriteLine("done", "done")],
            [Connect("if1", "big", "True"), Connect("if1", "small", "False"), Connect("if1", "done")]);

        var result = await RunAsync(definition, mode);

        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Output.Should().BeEquivalentTo([expected, "done"]);
    }

    // Elsa.Workflows.Core/Activities/If.cs: a missing branch (ScheduleActivityAsync(null)) completes the If at once.
    [Fact]
    public async Task If_without_the_chosen_branch_completes_at_once()
    {
        var definition = Definition([If("if1", Literal("False", "Boolean"), then: WriteLine("then1", "yes")), WriteLine("after", "after")]);

        var result = await RunAsync(definition);

        result.Output.Should().Equal("after");
    }

    // A flowchart embedded as Then waits on a bookmark; the If completes only when that flowchart does, after the resume.
    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task If_with_a_flowchart_branch_waits_for_the_flowchart_across_a_resume(FlowchartMode mode)
    {
        var branch = Flowchart("branch", [WriteLine("b1", "before wait"), Event("wait", "go"), WriteLine("b2", "after wait")],
            [Connect("b1", "wait"), Connect("wait", "b2")]);
        var definition = Definition([If("if1", Literal("True", "Boolean"), then: branch), WriteLine("after", "after")]);
        var (_, runtime, _) = TestFlow.Engine();

        var started = await runtime.StartAsync(definition, new StartWorkflowOptions { FlowchartMode = mode });
        started.SubStatus.Should().Be(WorkflowSubStatus.Suspended);
        started.Output.Should().Equal("before wait");
        var resumed = await runtime.ResumeAsync(started.Instance.Id, started.Instance.Bookmarks.Single().Id);

        resumed.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        resumed.Output.Should().Equal("after wait", "after");
    }

    private static JsonObject Switch(string mode, JsonObject? @default, params (string Label, string Script, JsonObject? Activity)[] cases)
    {
        var list = new JsonArray();
        foreach (var (label, script, activity) in cases)
        {
            var c = new JsonObject { ["label"] = label, ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script } };
            if (activity is not null) c["activity"] = activity;
            list.Add(c);
        }
        var a = new JsonObject { ["id"] = "switch1", ["type"] = "Elsa.Switch", ["cases"] = list, ["mode"] = Literal(mode) };
        if (@default is not null) a["default"] = @default;
        return a;
    }

    // Elsa.Workflows.Core/Activities/Switch.cs: MatchFirst schedules the first true case only.
    [Fact]
    public async Task Switch_MatchFirst_runs_the_first_true_case()
    {
        var definition = Definition([
            Switch("MatchFirst", WriteLine("d", "default"), ("a", "false", WriteLine("a", "a")), ("b", "true", WriteLine("b", "b")), ("c", "true", WriteLine("c", "c"))),
            WriteLine("after", "after"),
        ]);

        (await RunAsync(definition)).Output.Should().Equal("b", "after");
    }

    // Elsa.Workflows.Core/Activities/Switch.cs: MatchAny schedules every true case and completes when all completed.
    [Fact]
    public async Task Switch_MatchAny_runs_every_true_case_before_completing()
    {
        var definition = Definition([
            Switch("MatchAny", WriteLine("d", "default"), ("a", "true", WriteLine("a", "a")), ("b", "false", WriteLine("b", "b")), ("c", "1 < 2", WriteLine("c", "c"))),
            WriteLine("after", "after"),
        ]);

        (await RunAsync(definition)).Output.Should().Equal("a", "c", "after");
    }

    // Elsa.Workflows.Core/Activities/Switch.cs: no match runs Default; no match and no Default completes at once.
    [Fact]
    public async Task Switch_without_a_match_runs_default_or_completes()
    {
        var withDefault = Definition([Switch("MatchFirst", WriteLine("d", "default"), ("a", "false", WriteLine("a", "a"))), WriteLine("after", "after")]);
        var withoutDefault = Definition([Switch("MatchAny", null, ("a", "false", WriteLine("a", "a"))), WriteLine("after", "after")]);

        (await RunAsync(withDefault)).Output.Should().Equal("default", "after");
        (await RunAsync(withoutDefault)).Output.Should().Equal("after");
    }

    internal static JsonObject ExecutionState(WorkflowRunResult result) => result.Instance.ExecutionState;
}
