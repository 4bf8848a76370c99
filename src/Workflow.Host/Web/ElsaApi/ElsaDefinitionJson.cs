using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// Turns a stored definition version into the JSON the Studio expects (docs/studio.md): the saved model untouched
/// (metadata, sizes, custom properties and memory references survive a round trip) with the version facts
/// (<c>id</c>, <c>version</c>, <c>isLatest</c>, <c>isPublished</c>, <c>createdAt</c>) and <c>links</c> set by the
/// store. The editor is read-only unless the latest version carries a <c>publish</c> link, so the link is only
/// given to users who may edit (the supervisor's Studio is therefore read-only).
/// </summary>
public static class ElsaDefinitionJson
{
    /// <summary>The full definition of one version.</summary>
    public static JsonObject Model(StoredDefinition stored, bool mayEdit, DateTimeZone zone)
    {
        var model = Parse(stored.Json);
        model["id"] = stored.Id;
        model["definitionId"] = stored.DefinitionId;
        model["name"] = stored.Name;
        model["description"] = stored.Description;
        model["version"] = stored.Version;
        model["isLatest"] = stored.IsLatest;
        model["isPublished"] = stored.IsPublished;
        model["isReadonly"] = !mayEdit;
        model["createdAt"] = ZonedInstantJsonConverter.Format(stored.CreatedAt, zone);
        model["materializerName"] ??= "Json";
        // Elsa's model always carries these (WorkflowDefinitionModel: empty collections, new options); the Studio's
        // create dialog saves them as null, and its editor's Settings section then fails (NullReferenceException on
        // Options / CustomProperties: the error banner) as soon as the new workflow is edited.
        model["options"] ??= new JsonObject();
        model["customProperties"] ??= new JsonObject();
        foreach (var list in new[] { "variables", "inputs", "outputs", "outcomes" })
            model[list] ??= new JsonArray();
        model["links"] = Links(stored.DefinitionId, mayEdit);
        if (model["root"] is JsonObject root)
            AddNodeIds(root, "Workflow1");
        return model;
    }

    /// <summary>The summary of one version, as paged lists carry it.</summary>
    public static JsonObject Summary(StoredDefinition stored, bool mayEdit, DateTimeZone zone) => new()
    {
        ["id"] = stored.Id,
        ["definitionId"] = stored.DefinitionId,
        ["name"] = stored.Name,
        ["description"] = stored.Description,
        ["version"] = stored.Version,
        ["isLatest"] = stored.IsLatest,
        ["isPublished"] = stored.IsPublished,
        ["createdAt"] = ZonedInstantJsonConverter.Format(stored.CreatedAt, zone),
        ["materializerName"] = "Json",
        ["isMaterializerAvailable"] = true,
        ["links"] = Links(stored.DefinitionId, mayEdit),
    };

    /// <summary>Parses stored definition text; a stored version is always an object (the store only receives models).</summary>
    public static JsonObject Parse(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new InvalidOperationException("A stored workflow definition is not a JSON object.");

    private static JsonArray Links(string definitionId, bool mayEdit)
    {
        var id = Uri.EscapeDataString(definitionId);
        var links = new JsonArray { Link($"/workflow-definitions/by-definition-id/{id}", "self", "GET") };
        if (mayEdit)
        {
            links.Add(Link($"/workflow-definitions/{id}/publish", "publish", "POST"));
            links.Add(Link($"/workflow-definitions/{id}/retract", "retract", "POST"));
        }
        return links;
    }

    /// <summary>A link item <c>{href, rel, method}</c>.</summary>
    public static JsonObject Link(string href, string rel, string method) => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };

    /// <summary>
    /// The editor needs <c>nodeId</c> on the root and its activities (parent's node id + ":" + id, as the Studio
    /// writes them); definitions written by hand often lack them. Existing node ids are kept.
    /// </summary>
    private static void AddNodeIds(JsonObject activity, string parentNodeId)
    {
        var id = activity["id"]?.ToString() ?? "";
        if (activity["nodeId"] is null)
            activity["nodeId"] = $"{parentNodeId}:{id}";
        var nodeId = activity["nodeId"]!.ToString();
        if (activity["activities"] is JsonArray children)
            foreach (var child in children.OfType<JsonObject>())
                AddNodeIds(child, nodeId);
    }
}
