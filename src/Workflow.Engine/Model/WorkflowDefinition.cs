using System.Text.Json.Nodes;

namespace Workflow.Engine.Model;

/// <summary>
/// An Elsa 3 workflow definition: the envelope (<c>id</c>, <c>definitionId</c>, <c>name</c>, <c>version</c>,
/// <c>variables</c> ...) and its <see cref="Root"/> flowchart. Backed by the JSON object read (<see cref="Raw"/>);
/// <see cref="Serialization.WorkflowDefinitionWriter"/> writes it back unchanged apart from what was changed through the model.
/// </summary>
public sealed class WorkflowDefinition
{
    internal WorkflowDefinition(JsonObject raw, ActivityNode root)
    {
        Raw = raw;
        Root = root;
    }

    /// <summary>The definition's JSON object as read; what the model does not interpret stays here and is written back.</summary>
    public JsonObject Raw { get; }
    /// <summary>The root <c>Elsa.Flowchart</c>.</summary>
    public ActivityNode Root { get; }
    /// <summary>Variables of the envelope followed by those of the root flowchart.</summary>
    public List<VariableDefinition> Variables { get; } = [];

    /// <summary>Elsa's <c>id</c>: this version's id.</summary>
    public string? Id => Text("id");
    /// <summary>Elsa's <c>definitionId</c>: shared by all versions.</summary>
    public string? DefinitionId => Text("definitionId");
    /// <summary>Elsa's <c>name</c>, or null.</summary>
    public string? Name => Text("name");
    /// <summary>Elsa's <c>description</c>, or null.</summary>
    public string? Description => Text("description");
    /// <summary>Elsa's <c>version</c> number; 1 when absent.</summary>
    public int Version => Raw["version"] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 1;

    /// <summary>Every activity of the definition, nested ones included (not the root itself).</summary>
    public IEnumerable<ActivityNode> AllActivities() => Root.Descendants();

    /// <summary>Finds an activity by node id anywhere in the definition (the root included).</summary>
    public ActivityNode? FindByNodeId(string nodeId) =>
        Root.NodeId == nodeId ? Root : AllActivities().FirstOrDefault(a => a.NodeId == nodeId);

    private string? Text(string name) => Raw[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
