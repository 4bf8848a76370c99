using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Model;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;

namespace Workflow.Engine.Tests.Activities.Composition;

/// <summary>Elsa.ExecuteWorkflow and Elsa.DispatchWorkflow: child instances with input, waiting, and their result.</summary>
public sealed class ChildWorkflowActivityTests
{
    private static readonly JsonObject ResultToR = new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "r" } };

    /// <summary>greet: greeting = 'Hello ' + input.name.</summary>
    private static string Greet() => new TestFlow()
        .Variable("greeting", "String", null)
        .Add("set", "Elsa.SetVariable", new
        {
            variable = new JsonObject { ["id"] = "greeting", ["name"] = "greeting" },
            value = TestFlow.Js("'Hello ' + input.name", "String"),
        })
        .Json();

    /// <summary>approve: waits for the event "Approved", then sets done = true.</summary>
    private static string Approve() => new TestFlow()
        .Variable("done", "Boolean", "false")
        .Add("wait", "Elsa.Event", new { eventName = "Approved" })
        .Add("set", "Elsa.SetVariable", new { variable = new JsonObject { ["id"] = "done", ["name"] = "done" }, value = TestFlow.Js("true") })
        .Connect("wait", "set")
        .Json();

    private static async Task<(IServiceProvider Services, WorkflowRuntime Runtime)> EngineAsync()
    {
        var (services, runtime, _) = TestFlow.Engine();
        var definitions = services.GetRequiredService<IWorkflowDefinitionStore>();
        await definitions.SaveAsync("greet", "Greet", null, Greet(), publish: true);
        await definitions.SaveAsync("approve", "Approve", null, Approve(), publish: true);
        return (services, runtime);
    }

    private static WorkflowDefinition Parent(string type, object inputs) =>
        new TestFlow().Variable("r", "Object", null).Add("child", type, inputs).Add("after", "Elsa.WriteLine", new { text = "after" }).Connect("child", "after").Definition();

    private static ExpressionInput Json(string json) => new("Object", "Object", JsonValue.Create(json));

    // Elsa.Workflows.Runtime/Activities/ExecuteWorkflow.cs: runs the child in place; result = ExecuteWorkflowResult.
    [Fact]
    public async Task ExecuteWorkflow_runs_the_child_with_its_input_and_sets_the_result()
    {
        var (services, runtime) = await EngineAsync();
        var parent = await runtime.StartAsync(Parent("Elsa.ExecuteWorkflow", new { workflowDefinitionId = "greet", input = Json("{\"name\":\"Ada\"}"), result = ResultToR.DeepClone() }),
            new StartWorkflowOptions { CorrelationId = "corr-1" });

        parent.Instance.Status.Should().Be(WorkflowStatus.Finished);
        parent.Output.Should().Equal("after");
        var result = parent.Instance.Variables["r"]!;
        (result["status"]!.GetValue<string>(), result["subStatus"]!.GetValue<string>()).Should().Be(("Finished", "Finished"));
        result["output"]!["greeting"]!.GetValue<string>().Should().Be("Hello Ada");
        result["correlationId"]!.GetValue<string>().Should().Be("corr-1", "Elsa passes the parent's correlation id on");
        var child = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(result["workflowInstanceId"]!.GetValue<string>());
        child!.Input["ParentInstanceId"]!.GetValue<string>().Should().Be(parent.Instance.Id);
        child.Input["name"]!.GetValue<string>().Should().Be("Ada");
    }

    [Fact]
    public async Task ExecuteWorkflow_waiting_for_completion_resumes_once_when_the_child_finishes()
    {
        var (services, runtime) = await EngineAsync();
        var scheduler = services.GetRequiredService<WorkflowScheduler>();
        var parent = await runtime.StartAsync(Parent("Elsa.ExecuteWorkflow", new { workflowDefinitionId = "approve", waitForCompletion = "True", result = ResultToR.DeepClone() }));
        var wait = parent.Instance.Bookmarks.Should().ContainSingle().Which;
        wait.Kind.Should().Be("ChildWorkflow");
        var childId = wait.Payload!["childInstanceId"]!.GetValue<string>();

        (await scheduler.FireDueAsync()).Should().Be(0, "the child still waits for its event");
        var child = (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(childId))!;
        await runtime.ResumeAsync(childId, child.Bookmarks.Single().Id);

        (await scheduler.FireDueAsync()).Should().Be(1);
        (await scheduler.FireDueAsync()).Should().Be(0, "the parent was resumed once");
        var done = (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(parent.Instance.Id))!;
        done.Status.Should().Be(WorkflowStatus.Finished);
        done.Variables["r"]!["output"]!["done"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task ExecuteWorkflow_without_waiting_completes_while_the_child_still_waits()
    {
        var (_, runtime) = await EngineAsync();
        var parent = await runtime.StartAsync(Parent("Elsa.ExecuteWorkflow", new { workflowDefinitionId = "approve", result = ResultToR.DeepClone() }));

        parent.Instance.Status.Should().Be(WorkflowStatus.Finished);
        (parent.Instance.Variables["r"]!["status"]!.GetValue<string>(), parent.Instance.Variables["r"]!["subStatus"]!.GetValue<string>())
            .Should().Be(("Running", "Suspended"));
    }

    [Fact]
    public async Task ExecuteWorkflow_of_an_unknown_definition_faults_naming_it()
    {
        var (_, runtime) = await EngineAsync();
        var parent = await runtime.StartAsync(Parent("Elsa.ExecuteWorkflow", new { workflowDefinitionId = "nope" }));
        parent.Instance.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        parent.Instance.Fault!.Message.Should().Contain("'nope'");
    }

    // Elsa.Workflows.Runtime/Activities/DispatchWorkflow.cs: fire and forget unless WaitForCompletion; input as given.
    [Fact]
    public async Task DispatchWorkflow_starts_the_child_and_goes_on()
    {
        var (services, runtime) = await EngineAsync();
        var parent = await runtime.StartAsync(Parent("Elsa.DispatchWorkflow", new { workflowDefinitionId = "approve", correlationId = "c-9", input = Json("{\"case\":7}") }));

        parent.Instance.Status.Should().Be(WorkflowStatus.Finished);
        var waiting = await services.GetRequiredService<IWorkflowInstanceStore>().FindBookmarksAsync(new BookmarkFilter(Kind: "Event"));
        var child = (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(waiting.Single().InstanceId))!;
        (child.DefinitionId, child.CorrelationId).Should().Be(("approve", "c-9"));
        child.Input["case"]!.GetValue<int>().Should().Be(7);
        child.Input["ParentInstanceId"]!.GetValue<string>().Should().Be(parent.Instance.Id);
    }

    [Fact]
    public async Task DispatchWorkflow_waiting_for_completion_is_resumed_by_the_scheduler_with_the_childs_result()
    {
        var (services, runtime) = await EngineAsync();
        var parent = await runtime.StartAsync(Parent("Elsa.DispatchWorkflow", new { workflowDefinitionId = "greet", input = Json("{\"name\":\"Lin\"}"), waitForCompletion = "True", result = ResultToR.DeepClone() }));
        parent.Instance.Status.Should().NotBe(WorkflowStatus.Finished, "the dispatcher reports the child's completion later");

        (await services.GetRequiredService<WorkflowScheduler>().FireDueAsync()).Should().Be(1);
        var done = (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(parent.Instance.Id))!;
        done.Status.Should().Be(WorkflowStatus.Finished);
        done.Variables["r"]!["output"]!["greeting"]!.GetValue<string>().Should().Be("Hello Lin");
    }
}
