using System.Text.Json.Nodes;
using Workflow.Definitions.Workflows;

namespace Workflow.Definitions.Tests.EndToEnd;

/// <summary>Edits a shipped stage workflow the way a designer would in the Studio, for scenarios the shipped ones do not draw.</summary>
internal static class StageJson
{
    public static string With(string definitionId, string activityType, params (string Input, string TypeName, string ExpressionType, string Value)[] inputs)
    {
        var doc = JsonNode.Parse(StageWorkflows.Json(definitionId))!.AsObject();
        var activity = doc["root"]!["activities"]!.AsArray().Single(a => (string?)a!["type"] == activityType)!.AsObject();
        foreach (var (input, typeName, type, value) in inputs)
            activity[input] = new JsonObject { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };
        return doc.ToJsonString();
    }

    public static (string, string, string, string) Strings(string input, params string[] values) =>
        (input, "String[]", "Object", new JsonArray(values.Select(v => (JsonNode)v).ToArray()).ToJsonString());

    public static (string, string, string, string) Literal(string input, string typeName, string value) => (input, typeName, "Literal", value);
}
