using System.Text.Json.Nodes;

namespace Workflow.Load.Engine;

/// <summary>
/// The benchmark's process as an Elsa 3 flowchart, the same as the peer's BPMN (bench/peer/run.mjs): Start → intake
/// (an <c>Elsa.Event</c> bookmark) → FlowFork to K reviews (each an event bookmark) → FlowJoin (WaitAll) → issue (an
/// event bookmark) → End. Every bookmark is one human step: K + 2 resumes per instance.
/// </summary>
public static class ForkJoinProcess
{
    /// <summary>The definition id for width <paramref name="k"/>.</summary>
    public static string DefinitionId(int k) => $"bench-fork-join-{k}";

    /// <summary>The workflow JSON for width <paramref name="k"/>.</summary>
    public static string Json(int k)
    {
        var reviews = Enumerable.Range(1, k).Select(i => $"review{i}").ToList();
        var activities = new JsonArray
        {
            new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
            Event("intake"),
            new JsonObject
            {
                ["id"] = "fork", ["type"] = "Elsa.FlowFork",
                ["branches"] = new JsonObject
                {
                    ["typeName"] = "String[]",
                    ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = new JsonArray(reviews.Select(b => (JsonNode)b).ToArray()).ToJsonString() },
                },
            },
            new JsonObject { ["id"] = "join", ["type"] = "Elsa.FlowJoin", ["mode"] = Literal("Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", "WaitAll") },
            Event("issue"),
            new JsonObject { ["id"] = "end", ["type"] = "Elsa.End" },
        };
        var connections = new JsonArray { Connect("start", "Done", "intake"), Connect("intake", "Done", "fork"), Connect("join", "Done", "issue"), Connect("issue", "Done", "end") };
        foreach (var review in reviews)
        {
            activities.Add(Event(review));
            connections.Add(Connect("fork", review, review));
            connections.Add(Connect(review, "Done", "join"));
        }
        return new JsonObject
        {
            ["id"] = DefinitionId(k) + "-v1", ["definitionId"] = DefinitionId(k), ["name"] = DefinitionId(k), ["version"] = 1,
            ["root"] = new JsonObject { ["id"] = "root", ["type"] = "Elsa.Flowchart", ["activities"] = activities, ["connections"] = connections },
        }.ToJsonString();
    }

    private static JsonObject Event(string id) => new() { ["id"] = id, ["type"] = "Elsa.Event", ["eventName"] = Literal("String", id) };

    private static JsonObject Literal(string typeName, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Connect(string from, string port, string to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
    };
}
