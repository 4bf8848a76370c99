using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;
using static Workflow.Engine.Tests.Activities.ControlFlow.ElsaJson;

namespace Workflow.Engine.Tests.Activities.ControlFlow;

public class LoopingActivityTests
{
    private static JsonObject Loop(string type, object inputs, JsonObject? body)
    {
        var a = new JsonObject { ["id"] = "loop", ["type"] = type };
        foreach (var p in inputs.GetType().GetProperties())
            a[p.Name] = (JsonNode)p.GetValue(inputs)!;
        if (body is not null) a["body"] = body;
        return a;
    }

    // Elsa.Workflows.Core/Activities/ForEachT.cs: one body run per item, the item in the CurrentValue variable and output.
    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task ForEach_runs_the_body_once_per_item_with_CurrentValue_and_CurrentIndex(FlowchartMode mode)
    {
        var definition = Definition([
            Loop("Elsa.ForEach", new { items = Object("""["a","b","c"]""") },
                WriteLineJs("w", "getVariable('CurrentIndex') + ':' + getVariable('CurrentValue')")),
            WriteLine("after", "after"),
        ]);

        var result = await RunAsync(definition, mode);

        result.Output.Should().Equal("0:a", "1:b", "2:c", "after");
        result.Instance.Variables.ContainsKey("CurrentValue").Should().BeFalse("the loop variables live only while the loop runs");
    }

    // Elsa.Workflows.Core/Activities/ForEachT.cs: the CurrentValue output bound to a variable (memoryReference) sets it.
    [Fact]
    public async Task ForEach_CurrentValue_output_bound_to_a_variable_sets_the_variable()
    {
        var loop = Loop("Elsa.ForEach", new { items = Object("[1,2,3]") }, WriteLineJs("w", "'item ' + getVariable('item')"));
        loop["currentValue"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "item" } };
        var definition = Definition([loop], variables: [Variable("item", "Object", null)]);

        var result = await RunAsync(definition);

        result.Output.Should().Equal("item 1", "item 2", "item 3");
        result.Instance.Variables["item"]!.GetValue<int>().Should().Be(3);
    }

    // Elsa.Workflows.Core/Activities/ForEachT.cs with a flowchart body that waits: each iteration resumes where it left.
    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task ForEach_with_a_waiting_flowchart_body_continues_across_resumes(FlowchartMode mode)
    {
        var body = Flowchart("body", [Event("wait", "next"), WriteLineJs("w", "'got ' + getVariable('CurrentValue')")], [Connect("wait", "w")]);
        var definition = Definition([Loop("Elsa.ForEach", new { items = Object("""["x","y"]""") }, body), WriteLine("after", "after")]);
        var (_, runtime, _) = TestFlow.Engine();

        var run = await runtime.StartAsync(definition, new StartWorkflowOptions { FlowchartMode = mode });
        var lines = new List<string>(run.Output);
        while (run.SubStatus == WorkflowSubStatus.Suspended)
        {
            run = await runtime.ResumeAsync(run.Instance.Id, run.Instance.Bookmarks.Single().Id);
            lines.AddRange(run.Output);
        }

        run.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        lines.Should().Equal("got x", "got y", "after");
    }

    // Elsa.Workflows.Core/Activities/For.cs: inclusive by default; exclusive stops before End; a negative step counts down.
    [Theory]
    [InlineData(1, 3, 1, true, "1,2,3")]
    [InlineData(1, 3, 1, false, "1,2")]
    [InlineData(0, 10, 5, true, "0,5,10")]
    [InlineData(3, 1, -1, true, "3,2,1")]
    [InlineData(3, 1, -1, false, "3,2")]
    [InlineData(5, 1, 1, true, "")]
    public async Task For_counts_from_start_to_end_by_step(int start, int end, int step, bool inclusive, string expected)
    {
        var definition = Definition([
            Loop("Elsa.For", new
            {
                start = Literal(start.ToString(), "Int32"), end = Literal(end.ToString(), "Int32"), step = Literal(step.ToString(), "Int32"),
                outerBoundInclusive = Literal(inclusive.ToString(), "Boolean"),
            }, WriteLineJs("w", "'' + getVariable('CurrentValue')")),
        ]);

        var result = await RunAsync(definition);

        string.Join(",", result.Output).Should().Be(expected);
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
    }

    // Elsa.Workflows.Core/Activities/While.cs: the condition is evaluated before every iteration.
    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task While_runs_the_body_while_the_condition_holds(FlowchartMode mode)
    {
        var body = new JsonObject
        {
            ["id"] = "seq", ["type"] = "Elsa.Sequence",
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "inc", ["type"] = "Elsa.SetVariable", ["variable"] = new JsonObject { ["id"] = "n", ["name"] = "n", ["typeName"] = "Int32" }, ["value"] = Js("getVariable('n') + 1", "Int32") },
                WriteLineJs("w", "'n=' + getVariable('n')")),
        };
        var definition = Definition([Loop("Elsa.While", new { condition = Js("getVariable('n') < 3") }, body), WriteLine("after", "after")],
            variables: [Variable("n", "Int32", "0")]);

        var result = await RunAsync(definition, mode);

        result.Output.Should().Equal("n=1", "n=2", "n=3", "after");
    }

    // Elsa.Workflows.Core/Activities/Break.cs + Behaviors/BreakBehavior.cs: Break marks the loop (and the Sequence on the
    // way) as breaking; the sequence stops, the loop does not start another iteration.
    [Fact]
    public async Task Break_inside_a_sequence_ends_the_loop_after_the_running_iteration()
    {
        var body = new JsonObject
        {
            ["id"] = "seq", ["type"] = "Elsa.Sequence",
            ["activities"] = new JsonArray(
                WriteLineJs("w", "'item ' + getVariable('CurrentValue')"),
                new JsonObject
                {
                    ["id"] = "stop", ["type"] = "Elsa.If", ["condition"] = Js("getVariable('CurrentValue') === 2"),
                    ["then"] = new JsonObject { ["id"] = "break", ["type"] = "Elsa.Break" },
                },
                WriteLine("tail", "tail")),
        };
        var definition = Definition([Loop("Elsa.ForEach", new { items = Object("[1,2,3,4]") }, body), WriteLine("after", "after")]);

        var result = await RunAsync(definition);

        result.Output.Should().Equal("item 1", "tail", "item 2", "after");
    }

    // Elsa.Workflows.Core/Activities/Break.cs in a flowchart body: the flowchart completes (Break is a terminal node), then the loop stops.
    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task Break_in_a_flowchart_body_ends_a_while_true_loop(FlowchartMode mode)
    {
        var body = Flowchart("body",
        [
            new JsonObject { ["id"] = "inc", ["type"] = "Elsa.SetVariable", ["variable"] = new JsonObject { ["id"] = "n", ["name"] = "n", ["typeName"] = "Int32" }, ["value"] = Js("getVariable('n') + 1", "Int32") },
            new JsonObject { ["id"] = "check", ["type"] = "Elsa.FlowDecision", ["condition"] = Js("getVariable('n') >= 3") },
            new JsonObject { ["id"] = "break", ["type"] = "Elsa.Break" },
            WriteLineJs("w", "'n=' + getVariable('n')"),
        ], [Connect("inc", "check"), Connect("check", "break", "True"), Connect("check", "w", "False")]);
        var definition = Definition([Loop("Elsa.While", new { condition = Literal("True", "Boolean") }, body), WriteLine("after", "after")],
            variables: [Variable("n", "Int32", "0")]);

        var result = await RunAsync(definition, mode);

        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Output.Should().Equal("n=1", "n=2", "after");
    }

    // Elsa.Workflows.Core/Activities/ParallelForEachT.cs: every item's body runs; the activity completes after the last.
    [Fact]
    public async Task ParallelForEach_runs_the_body_for_every_item_then_completes()
    {
        var definition = Definition([
            Loop("Elsa.ParallelForEach", new { items = Object("""["p","q","r"]""") }, WriteLineJs("w", "getVariable('CurrentIndex') + '=' + getVariable('CurrentValue')")),
            WriteLine("after", "after"),
        ]);

        var result = await RunAsync(definition);

        result.Output.Should().Equal("0=p", "1=q", "2=r", "after");
    }

    // Nested loops: the inner loop's CurrentValue shadows the outer's and the outer's is back after it.
    [Fact]
    public async Task A_nested_loop_restores_the_outer_CurrentValue()
    {
        var inner = Loop("Elsa.ForEach", new { items = Object("[1,2]") }, WriteLineJs("in", "'inner ' + getVariable('CurrentValue')"));
        inner["id"] = "inner";
        var body = new JsonObject
        {
            ["id"] = "seq", ["type"] = "Elsa.Sequence",
            ["activities"] = new JsonArray(inner, WriteLineJs("out", "'outer ' + getVariable('CurrentValue')")),
        };
        var definition = Definition([Loop("Elsa.ForEach", new { items = Object("""["A","B"]""") }, body)]);

        var result = await RunAsync(definition);

        result.Output.Should().Equal("inner 1", "inner 2", "outer A", "inner 1", "inner 2", "outer B");
    }
}
