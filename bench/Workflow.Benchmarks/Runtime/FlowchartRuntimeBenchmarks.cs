using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;

namespace Workflow.Benchmarks.Runtime;

/// <summary>
/// The flowchart runtime on the in-memory stores: a fork to N waiting branches joined by WaitAll, started and then
/// every branch resumed — the shape of a parallel approval, without the permit domain or a database.
/// </summary>
[MemoryDiagnoser]
public class FlowchartRuntimeBenchmarks
{
    private WorkflowRuntime _runtime = null!;
    private WorkflowDefinition _definition = null!;

    [Params(5, 12, 50)]
    public int Branches { get; set; }

    [Params("Token", "Counter")]
    public string Mode { get; set; } = "Token";

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddWorkflowEngine(o => o.DefaultFlowchartMode = Enum.Parse<FlowchartMode>(Mode)).BuildServiceProvider();
        _runtime = services.GetRequiredService<WorkflowRuntime>();
        _definition = WorkflowDefinitionReader.Read(ForkJoin(Branches)).Definition!;
    }

    [Benchmark]
    public async Task<WorkflowStatus> StartAndResumeEveryBranch()
    {
        var run = await _runtime.StartAsync(_definition);
        foreach (var bookmark in run.Instance.Bookmarks.ToList())
            run = await _runtime.ResumeAsync(run.Instance.Id, bookmark.Id);
        return run.Instance.Status;
    }

    /// <summary>Start → FlowFork(b1..bn) → Event per branch → FlowJoin(WaitAll) → End, as Elsa 3 JSON.</summary>
    private static string ForkJoin(int n)
    {
        static JsonObject Literal(string typeName, string value) => new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
        static JsonObject Connect(string from, string port, string to) => new()
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port }, ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
        };
        var branches = Enumerable.Range(1, n).Select(i => $"b{i}").ToList();
        var activities = new JsonArray
        {
            new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
            new JsonObject
            {
                ["id"] = "fork", ["type"] = "Elsa.FlowFork",
                ["branches"] = new JsonObject { ["typeName"] = "String[]", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = new JsonArray(branches.Select(b => (JsonNode)b).ToArray()).ToJsonString() } },
            },
            new JsonObject { ["id"] = "join", ["type"] = "Elsa.FlowJoin", ["mode"] = Literal("Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", "WaitAll") },
            new JsonObject { ["id"] = "end", ["type"] = "Elsa.End" },
        };
        var connections = new JsonArray { Connect("start", "Done", "fork"), Connect("join", "Done", "end") };
        foreach (var b in branches)
        {
            activities.Add(new JsonObject { ["id"] = "wait-" + b, ["type"] = "Elsa.Event", ["eventName"] = Literal("String", b) });
            connections.Add(Connect("fork", b, "wait-" + b));
            connections.Add(Connect("wait-" + b, "Done", "join"));
        }
        return new JsonObject
        {
            ["id"] = "bench-v1", ["definitionId"] = "bench", ["name"] = "bench", ["version"] = 1,
            ["root"] = new JsonObject { ["id"] = "root", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections },
        }.ToJsonString();
    }
}
