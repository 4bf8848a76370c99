using System.Text.Json.Nodes;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;

namespace Workflow.Engine.Tests.Activities.ControlFlow;

/// <summary>Definitions written as Elsa 3 JSON, the shape the Studio saves (embedded children under their port's camelCase name).</summary>
internal static class ElsaJson
{
    public static JsonObject WriteLine(string id, string text) => new()
    {
        ["id"] = id, ["type"] = "Elsa.WriteLine", ["text"] = Literal(text),
    };

    public static JsonObject WriteLineJs(string id, string script) => new()
    {
        ["id"] = id, ["type"] = "Elsa.WriteLine", ["text"] = Js(script, "String"),
    };

    public static JsonObject Literal(string value, string typeName = "String") => ExpressionInput.Literal(typeName, value).ToJson();

    public static JsonObject Js(string script, string typeName = "Boolean") => ExpressionInput.JavaScript(typeName, script).ToJson();

    public static JsonObject Object(string json, string typeName = "Object") => new ExpressionInput(typeName, "Object", JsonValue.Create(json)).ToJson();

    public static JsonObject Flowchart(string id, JsonArray activities, JsonArray? connections = null) => new()
    {
        ["id"] = id, ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections ?? [],
    };

    public static JsonObject Connect(string source, string target, string port = "Done") => Connection.Create(source, port, target).Raw;

    public static JsonObject Event(string id, string name) => new() { ["id"] = id, ["type"] = "Elsa.Event", ["eventName"] = Literal(name) };

    /// <summary>A definition whose root flowchart holds <paramref name="activities"/> chained in order unless <paramref name="connections"/> are given.</summary>
    public static WorkflowDefinition Definition(JsonArray activities, JsonArray? connections = null, JsonArray? variables = null)
    {
        if (connections is null)
        {
            connections = [];
            for (var i = 1; i < activities.Count; i++)
                connections.Add(Connect(activities[i - 1]!["id"]!.GetValue<string>(), activities[i]!["id"]!.GetValue<string>()));
        }
        var json = new JsonObject
        {
            ["id"] = "composite-v1", ["definitionId"] = "composite", ["name"] = "Composite", ["version"] = 1,
            ["variables"] = variables ?? [],
            ["root"] = Flowchart("flowchart1", activities, connections),
        };
        var read = WorkflowDefinitionReader.Read(json.ToJsonString());
        read.Definition.Should().NotBeNull(string.Join("; ", read.Findings.Select(f => f.Message)));
        return read.Definition!;
    }

    public static JsonObject Variable(string name, string typeName, string? value) =>
        new() { ["id"] = name, ["name"] = name, ["typeName"] = typeName, ["value"] = value };

    public static async Task<WorkflowRunResult> RunAsync(WorkflowDefinition definition, FlowchartMode mode = FlowchartMode.Token)
    {
        var (_, runtime, _) = TestFlow.Engine();
        return await runtime.StartAsync(definition, new StartWorkflowOptions { FlowchartMode = mode });
    }
}
