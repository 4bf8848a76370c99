using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Activities;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Tests.Persistence;
using Workflow.Engine.Validation;
using static Workflow.Engine.Tests.Activities.ControlFlow.ElsaJson;

namespace Workflow.Engine.Tests.Activities.ControlFlow;

public class CompositionActivityTests
{
    private static JsonObject Sequence(string id, params JsonNode[] children) =>
        new() { ["id"] = id, ["type"] = "Elsa.Sequence", ["activities"] = new JsonArray(children) };

    // Elsa.Workflows.Core/Activities/Sequence.cs: children one after another, the next when the previous completed.
    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task Sequence_runs_its_children_in_order_and_waits_for_each(FlowchartMode mode)
    {
        var definition = Definition([Sequence("seq", WriteLine("a", "a"), Event("wait", "go"), WriteLine("b", "b")), WriteLine("after", "after")]);
        var (_, runtime, _) = TestFlow.Engine();

        var started = await runtime.StartAsync(definition, new StartWorkflowOptions { FlowchartMode = mode });
        var resumed = await runtime.ResumeAsync(started.Instance.Id, started.Instance.Bookmarks.Single().Id);

        started.Output.Should().Equal("a");
        resumed.Output.Should().Equal("b", "after");
        resumed.SubStatus.Should().Be(WorkflowSubStatus.Finished);
    }

    // Elsa.Workflows.Core/Activities/Complete.cs + Behaviors/BreakBehavior.cs: Complete inside a loop completes the loop
    // at once, cancelling the rest of its body; the flowchart continues after the loop.
    [Fact]
    public async Task Complete_inside_a_loop_completes_the_loop_and_the_flow_continues()
    {
        var body = Sequence("seq", WriteLine("a", "once"), new JsonObject { ["id"] = "complete", ["type"] = "Elsa.Complete" }, WriteLine("never", "never"));
        var definition = Definition([
            new JsonObject { ["id"] = "loop", ["type"] = "Elsa.While", ["condition"] = Literal("True", "Boolean"), ["body"] = body },
            WriteLine("after", "after"),
        ]);

        var result = await RunAsync(definition);

        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Output.Should().Equal("once", "after");
    }

    // Elsa.Workflows.Core/Activities/Complete.cs: outside any loop the signal reaches the workflow (Composite.cs), which
    // completes with the outcomes; paths still waiting are cancelled.
    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task Complete_outside_a_loop_finishes_the_workflow_and_cancels_waiting_paths(FlowchartMode mode)
    {
        var definition = Definition(
            [
                new JsonObject { ["id"] = "fork", ["type"] = "Elsa.FlowFork", ["branches"] = Object("""["A","B"]""", "String[]") },
                Event("wait", "never"),
                new JsonObject { ["id"] = "complete", ["type"] = "Elsa.Complete", ["outcomes"] = Object("""["Approved"]""") },
                WriteLine("after", "after"),
            ],
            [Connect("fork", "wait", "A"), Connect("fork", "complete", "B"), Connect("wait", "after")]);

        var result = await RunAsync(definition, mode);

        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Instance.Bookmarks.Should().BeEmpty();
        result.Output.Should().BeEmpty();
        result.Instance.ExecutionState["outputs"]!["complete"]!["Outcomes"]!.ToJsonString().Should().Be("""["Approved"]""");
    }

    // Elsa.Workflows.Management/Activities/SetOutput/SetOutput.cs: with no composite declaring the output, the value is
    // the workflow's output (WorkflowExecutionContext.Output).
    [Fact]
    public async Task SetOutput_sets_the_workflow_output()
    {
        var definition = Definition([
            new JsonObject { ["id"] = "o1", ["type"] = "Elsa.SetOutput", ["outputName"] = Literal("total"), ["outputValue"] = Js("40 + 2", "Object") },
            new JsonObject { ["id"] = "o2", ["type"] = "Elsa.SetOutput", ["outputName"] = Literal("who"), ["outputValue"] = Literal("Ann", "Object") },
        ]);

        var result = await RunAsync(definition);

        result.Instance.Output.ToJsonString().Should().Be("""{"total":42,"who":"Ann"}""");
    }

    // Elsa.Workflows.Core/Activities/SetName.cs and Correlate.cs: the instance's name and correlation id.
    [Fact]
    public async Task SetName_and_Correlate_set_the_instance_name_and_correlation_id()
    {
        var definition = Definition([
            new JsonObject { ["id"] = "n", ["type"] = "Elsa.SetName", ["value"] = Js("'Permit ' + (1 + 1)", "String") },
            new JsonObject { ["id"] = "c", ["type"] = "Elsa.Correlate", ["correlationId"] = Literal("case-7") },
        ]);

        var result = await RunAsync(definition);

        result.Instance.Name.Should().Be("Permit 2");
        result.Instance.CorrelationId.Should().Be("case-7");
    }

    // Workflow output, name and correlation id survive the store on both providers (schema step 3 adds the output column).
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Output_name_and_correlation_id_are_stored_with_the_instance(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var services = await db.OpenAsync(s => s.AddWorkflowEngine());
        var definition = Definition([
            new JsonObject { ["id"] = "o1", ["type"] = "Elsa.SetOutput", ["outputName"] = Literal("answer"), ["outputValue"] = Object("""{"ok":true,"n":[1,2]}""") },
            new JsonObject { ["id"] = "n", ["type"] = "Elsa.SetName", ["value"] = Literal("named") },
            new JsonObject { ["id"] = "c", ["type"] = "Elsa.Correlate", ["correlationId"] = Literal("corr-1") },
            Event("wait", "go"),
        ]);

        var started = await services.GetRequiredService<WorkflowRuntime>().StartAsync(definition);
        var stored = (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id))!;

        stored.Output.ToJsonString().Should().Be("""{"answer":{"ok":true,"n":[1,2]}}""");
        stored.Name.Should().Be("named");
        stored.CorrelationId.Should().Be("corr-1");
    }

    // Elsa.Expressions.JavaScript/Activities/RunJavaScript/RunJavaScript.cs: the script's value is the Result output.
    [Fact]
    public async Task RunJavaScript_runs_the_script_and_records_its_result()
    {
        var definition = Definition([
            new JsonObject { ["id"] = "js", ["type"] = "Elsa.RunJavaScript", ["script"] = Literal("setVariable('x', 5); return getVariable('x') * 2;") },
            WriteLineJs("w", "'x=' + getVariable('x')"),
        ], variables: [Variable("x", "Int32", "0")]);

        var result = await RunAsync(definition);

        result.Output.Should().Equal("x=5");
        result.Instance.ExecutionState["outputs"]!["js"]!["Result"]!.GetValue<int>().Should().Be(10);
        result.Instance.ExecutionState["outputs"]!["$lastResult"]!.GetValue<int>().Should().Be(10);
    }

    // Elsa.Workflows.Core/Activities/Flowchart/Activities/FlowNode.cs accepts any activity as its body, not only a flowchart.
    [Fact]
    public async Task FlowNode_accepts_any_activity_as_body()
    {
        var definition = Definition([
            new JsonObject { ["id"] = "node", ["type"] = "Elsa.FlowNode", ["body"] = Sequence("seq", WriteLine("a", "a"), WriteLine("b", "b")) },
            WriteLine("after", "after"),
        ]);

        (await RunAsync(definition)).Output.Should().Equal("a", "b", "after");
    }

    // Issue 15 item 6: the same connection twice would run its target twice; it is a validation error.
    [Fact]
    public void A_duplicate_connection_is_a_validation_error()
    {
        var definition = Definition([WriteLine("a", "a"), WriteLine("b", "b")], [Connect("a", "b"), Connect("a", "b")]);

        var findings = new WorkflowValidator(ActivityRegistry.CreateWithCoreActivities()).Validate(definition);

        findings.Should().ContainSingle(f => f.Code == "duplicate-connection" && f.Severity == FindingSeverity.Error)
            .Which.Message.Should().Contain("a:Done → b:In appears more than once");
    }

    // Elsa.Workflows.Core/Services/ActivityDescriber.cs: [Port] IActivity properties are Embedded ports; categories and
    // type names as Elsa's [Activity] attributes declare them.
    [Theory]
    [InlineData("Elsa.If", "Branching", "Then,Else", "True,False,Done")]
    [InlineData("Elsa.Switch", "Branching", "Default", "Done")]
    [InlineData("Elsa.ForEach", "Looping", "Body", "Done")]
    [InlineData("Elsa.For", "Looping", "Body", "Done")]
    [InlineData("Elsa.While", "Looping", "Body", "Done")]
    [InlineData("Elsa.ParallelForEach", "Looping", "Body", "Done")]
    [InlineData("Elsa.Break", "Looping", "", "")]
    [InlineData("Elsa.Sequence", "Workflows", "", "Done")]
    [InlineData("Elsa.Complete", "Composition", "", "")]
    [InlineData("Elsa.SetOutput", "Composition", "", "Done")]
    [InlineData("Elsa.SetName", "Primitives", "", "Done")]
    [InlineData("Elsa.Correlate", "Primitives", "", "Done")]
    [InlineData("Elsa.RunJavaScript", "Scripting", "", "Done")]
    public void The_descriptor_has_Elsas_category_and_ports(string typeName, string category, string embedded, string flow)
    {
        var (services, _, _) = TestFlow.Engine();
        var descriptor = services.GetRequiredService<ActivityDescriptorGenerator>().DescribeAll()["items"]!.AsArray()
            .Single(d => d!["typeName"]!.GetValue<string>() == typeName)!;

        descriptor["category"]!.GetValue<string>().Should().Be(category);
        var ports = descriptor["ports"]!.AsArray();
        string Names(string kind) => string.Join(",", ports.Where(p => p!["type"]!.GetValue<string>() == kind).Select(p => p!["name"]!.GetValue<string>()));
        Names("Embedded").Should().Be(embedded);
        Names("Flow").Should().Be(flow);
    }
}
