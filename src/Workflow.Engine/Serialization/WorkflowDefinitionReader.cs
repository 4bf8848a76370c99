using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Activities;
using Workflow.Engine.Model;
using Workflow.Engine.Validation;

namespace Workflow.Engine.Serialization;

/// <summary>
/// Reads Elsa 3 workflow definition JSON (every shape listed in the conformance README: both connection shapes,
/// inputs with or without <c>memoryReference</c>, null inputs, nested FlowNode bodies, old and new envelopes).
/// Never throws for bad input: truncated JSON or a wrong shape becomes an error finding that names the place.
/// </summary>
public static class WorkflowDefinitionReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Reads definition JSON text.</summary>
    public static DefinitionReadResult Read(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            return new(null, [ValidationFinding.Error(null, null, $"The file is not valid JSON: {e.Message} A workflow definition is one JSON object with a \"root\" flowchart.", "json")]);
        }
        if (node is not JsonObject obj)
            return new(null, [ValidationFinding.Error(null, null, $"Expected a JSON object (a workflow definition), found {Describe(node)}.", "shape")]);
        return Read(obj);
    }

    /// <summary>Reads an already parsed definition object; the model keeps <paramref name="envelope"/> as its raw JSON.</summary>
    public static DefinitionReadResult Read(JsonObject envelope)
    {
        var findings = new List<ValidationFinding>();
        // Studio's save body wraps the definition in {model, publish}.
        if (envelope["root"] is null && envelope["model"] is JsonObject model && model["root"] is not null)
            envelope = model;
        if (envelope["root"] is not JsonObject rootJson)
        {
            findings.Add(ValidationFinding.Error(null, "root", envelope["root"] is null
                ? "The definition has no \"root\". Expected \"root\": {\"type\": \"Elsa.Flowchart\", \"activities\": [...], \"connections\": [...]}."
                : $"\"root\" must be an object (an Elsa.Flowchart), found {Describe(envelope["root"])}.", "shape"));
            return new(null, findings);
        }

        var rootId = Text(rootJson["id"]) ?? "root";
        var rootNodeId = Text(rootJson["nodeId"]) ?? rootId;
        var root = new ActivityNode(rootJson, rootId, Text(rootJson["type"]) ?? "", rootNodeId, null);
        if (root.Type != "Elsa.Flowchart")
            findings.Add(ValidationFinding.Error(rootId, "type", $"The root must be of type \"Elsa.Flowchart\", found \"{root.Type}\".", "root-type"));
        ReadFlowchart(root, findings);

        var definition = new WorkflowDefinition(envelope, root);
        ReadVariables(envelope["variables"], definition.Variables, null, findings);
        definition.Variables.AddRange(root.Variables);
        return new(definition, findings);
    }

    private static void ReadFlowchart(ActivityNode flowchart, List<ValidationFinding> findings)
    {
        var raw = flowchart.Raw;
        ReadVariables(raw["variables"], flowchart.Variables, flowchart.Id, findings);
        var activities = raw["activities"];
        if (activities is JsonArray list)
        {
            var index = 0;
            foreach (var item in list)
            {
                if (item is not JsonObject a)
                {
                    findings.Add(ValidationFinding.Error(flowchart.Id, $"activities[{index}]", $"Each activity must be a JSON object, found {Describe(item)}.", "shape"));
                    index++;
                    continue;
                }
                var id = Text(a["id"]);
                var type = Text(a["type"]);
                if (string.IsNullOrEmpty(id))
                {
                    findings.Add(ValidationFinding.Error(null, $"activities[{index}].id", $"Activity {index} of flowchart {flowchart.Id} has no \"id\"; every activity needs a unique string id.", "shape"));
                    index++;
                    continue;
                }
                if (string.IsNullOrEmpty(type))
                    findings.Add(ValidationFinding.Error(id, "type", "The activity has no \"type\"; expected a type name such as \"Elsa.WriteLine\".", "shape"));
                if (flowchart.Activities.Any(x => x.Id == id))
                    findings.Add(ValidationFinding.Error(id, "id", $"Two activities of flowchart {flowchart.Id} have the id \"{id}\"; ids must be unique.", "duplicate-id"));
                flowchart.Activities.Add(ReadActivity(a, id, type, flowchart, findings));
                index++;
            }
        }
        else if (activities is not null)
            findings.Add(ValidationFinding.Error(flowchart.Id, "activities", $"\"activities\" must be an array, found {Describe(activities)}.", "shape"));

        var connections = raw["connections"];
        if (connections is JsonArray conns)
        {
            var index = 0;
            foreach (var item in conns)
            {
                var connection = item is JsonObject c ? ReadConnection(c) : null;
                if (connection is null)
                    findings.Add(ValidationFinding.Error(flowchart.Id, $"connections[{index}]",
                        $"Connection {index} of flowchart {flowchart.Id} has an unknown shape ({Describe(item)}). Expected {{\"source\":{{\"activity\":ID,\"port\":PORT}},\"target\":{{\"activity\":ID,\"port\":\"In\"}}}}.", "shape"));
                else
                    flowchart.Connections.Add(connection);
                index++;
            }
        }
        else if (connections is not null)
            findings.Add(ValidationFinding.Error(flowchart.Id, "connections", $"\"connections\" must be an array, found {Describe(connections)}.", "shape"));
    }

    /// <summary>
    /// One activity and, recursively, what it contains: a flowchart's activities, a <c>body</c>, and every embedded
    /// child activity (Elsa writes <c>[Port]</c> properties as the child's JSON object under the property's camelCase
    /// name, a Sequence's children as <c>activities</c>, a Switch's as <c>cases[i].activity</c>).
    /// </summary>
    private static ActivityNode ReadActivity(JsonObject a, string id, string? type, ActivityNode parent, List<ValidationFinding> findings)
    {
        var nodeId = Text(a["nodeId"]) ?? $"{parent.NodeId}:{id}";
        var node = new ActivityNode(a, id, type ?? "", nodeId, parent);
        if (node.IsFlowchart)
        {
            ReadFlowchart(node, findings);
            return node;
        }
        if (a["body"] is JsonObject body)
        {
            var bodyId = Text(body["id"]) ?? id + "-body";
            var bodyType = Text(body["type"]) ?? "Elsa.Flowchart";
            node.Body = ReadActivity(body, bodyId, bodyType, node, findings);
        }
        foreach (var (key, value) in a)
        {
            if (key is "body" or "customProperties" or "metadata") continue;
            if (IsActivityObject(value))
                node.Embedded.Add(new EmbeddedActivity(key, null, ReadActivity((JsonObject)value!, Text(value!["id"])!, Text(value["type"]), node, findings)));
        }
        if (a["activities"] is JsonArray children)
            for (var i = 0; i < children.Count; i++)
                if (IsActivityObject(children[i]))
                    node.Embedded.Add(new EmbeddedActivity("activities", i, ReadActivity((JsonObject)children[i]!, Text(children[i]!["id"])!, Text(children[i]!["type"]), node, findings)));
        if (a["cases"] is JsonArray cases)
            for (var i = 0; i < cases.Count; i++)
                if (cases[i] is JsonObject c && IsActivityObject(c["activity"]))
                    node.Embedded.Add(new EmbeddedActivity("cases", i, ReadActivity((JsonObject)c["activity"]!, Text(c["activity"]!["id"])!, Text(c["activity"]!["type"]), node, findings)));
        return node;
    }

    /// <summary>An activity's JSON: an object with a string <c>id</c> and <c>type</c> (inputs have <c>expression</c>, outputs <c>memoryReference</c>).</summary>
    private static bool IsActivityObject(JsonNode? value) =>
        value is JsonObject o && Text(o["id"]) is { Length: > 0 } && Text(o["type"]) is { Length: > 0 };

    private static Connection? ReadConnection(JsonObject c)
    {
        if (c["source"] is JsonObject s && c["target"] is JsonObject t)
        {
            var source = Text(s["activity"]);
            var target = Text(t["activity"]);
            if (source is null || target is null) return null;
            return new Connection(c, source, Text(s["port"]) ?? Outcomes.Done, target, Text(t["port"]) ?? "In", false);
        }
        if (c["source"] is JsonValue && c["target"] is JsonValue)
        {
            var source = Text(c["source"]);
            var target = Text(c["target"]);
            if (source is null || target is null) return null;
            return new Connection(c, source, Text(c["sourcePort"]) ?? Outcomes.Done, target, Text(c["targetPort"]) ?? "In", true);
        }
        return null;
    }

    private static void ReadVariables(JsonNode? node, List<VariableDefinition> into, string? owner, List<ValidationFinding> findings)
    {
        if (node is null) return;
        if (node is not JsonArray array)
        {
            findings.Add(ValidationFinding.Error(owner, "variables", $"\"variables\" must be an array, found {Describe(node)}.", "shape"));
            return;
        }
        foreach (var item in array)
        {
            if (item is not JsonObject v || Text(v["name"]) is not { } name)
            {
                findings.Add(ValidationFinding.Error(owner, "variables", $"Each variable must be an object with a \"name\", found {Describe(item)}.", "shape"));
                continue;
            }
            into.Add(new VariableDefinition(Text(v["id"]) ?? name, name, Text(v["typeName"]), v["value"]));
        }
    }

    internal static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue v when v.TryGetValue<string>(out var s) => $"the string \"{(s.Length > 40 ? s[..40] + "…" : s)}\"",
        _ => node.ToJsonString(),
    };
}
