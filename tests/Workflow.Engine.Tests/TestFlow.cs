using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;
using Workflow.Testing;

namespace Workflow.Engine.Tests;

/// <summary>Builds small Elsa JSON definitions in tests and runs them with the engine.</summary>
internal sealed class TestFlow
{
    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];
    private readonly JsonArray _variables = [];

    public TestFlow Add(string id, string type, object? inputs = null, string? mergeMode = null)
    {
        var a = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        if (inputs is not null)
            foreach (var p in inputs.GetType().GetProperties())
            {
                var value = p.GetValue(inputs);
                a[p.Name] = value switch
                {
                    JsonNode node => node,
                    ExpressionInput e => e.ToJson(),
                    _ => ExpressionInput.Literal("String", value?.ToString()).ToJson(),
                };
            }
        if (mergeMode is not null) a["customProperties"] = new JsonObject { ["mergeMode"] = mergeMode };
        _activities.Add(a);
        return this;
    }

    public TestFlow Connect(string source, string target, string port = "Done")
    {
        _connections.Add(Connection.Create(source, port, target).Raw);
        return this;
    }

    public TestFlow Variable(string name, string typeName, string? value)
    {
        _variables.Add(new JsonObject { ["id"] = name, ["name"] = name, ["typeName"] = typeName, ["value"] = value });
        return this;
    }

    public static ExpressionInput Js(string script, string typeName = "Boolean") => ExpressionInput.JavaScript(typeName, script);

    public string Json() => new JsonObject
    {
        ["id"] = "test-v1",
        ["definitionId"] = "test",
        ["name"] = "Test",
        ["version"] = 1,
        ["variables"] = _variables.DeepClone(),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = _activities.DeepClone(), ["connections"] = _connections.DeepClone(),
        },
    }.ToJsonString();

    public WorkflowDefinition Definition() => WorkflowDefinitionReader.Read(Json()).Definition!;

    public static (ServiceProvider Services, WorkflowRuntime Runtime, FakeClock Clock) Engine(Action<WorkflowEngineOptions>? configure = null)
    {
        var clock = FakeClock.At("2026-03-02T09:00:00+08:00");
        var services = new ServiceCollection().AddSingleton<NodaTime.IClock>(clock).AddWorkflowEngine(configure).BuildServiceProvider();
        return (services, services.GetRequiredService<WorkflowRuntime>(), clock);
    }

    /// <summary>The branch ids b1..bn.</summary>
    public static string[] Branches(int n) => Enumerable.Range(1, n).Select(i => $"b{i}").ToArray();

    /// <summary>Start → FlowFork(b1..bn) → Event per branch → FlowJoin(mode) → WriteLine "joined".</summary>
    public static TestFlow ParallelEvents(int n, string mode, int? quorum = null)
    {
        var flow = new TestFlow().Add("start", "Elsa.Start")
            .Add("fork", "Elsa.FlowFork", new { branches = new ExpressionInput("String[]", "Object", JsonValue.Create(new JsonArray(Branches(n).Select(b => (JsonNode)b!).ToArray()).ToJsonString())) })
            .Add("join", "Elsa.FlowJoin", quorum is null
                ? new { mode = ExpressionInput.Literal("Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", mode) }
                : (object)new { mode = ExpressionInput.Literal("Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", mode), quorum = ExpressionInput.Literal("Int32", quorum.ToString()) })
            .Add("joined", "Elsa.WriteLine", new { text = "joined" })
            .Connect("start", "fork").Connect("join", "joined");
        foreach (var b in Branches(n))
            flow.Add($"wait-{b}", "Elsa.Event", new { eventName = b }).Connect("fork", $"wait-{b}", b).Connect($"wait-{b}", "join");
        return flow;
    }
}
