using System.Text.Json.Nodes;

namespace Workflow.Engine.Model;

/// <summary>
/// One activity of a definition, backed by its JSON object (<see cref="Raw"/>). The engine reads what it interprets
/// (id, type, name, nodeId, inputs, customProperties, and for containers their activities and connections) and
/// leaves everything else (designer metadata, unknown properties) in <see cref="Raw"/>, so that writing the
/// definition back returns what was read.
/// </summary>
public sealed class ActivityNode
{
    private static readonly HashSet<string> NonInputProperties = new(StringComparer.Ordinal)
    {
        "id", "nodeId", "name", "type", "version", "customProperties", "metadata", "canStartWorkflow",
        "runAsynchronously", "source", "line", "activities", "connections", "variables", "start", "body",
        "applicationProperties", "then", "else",
    };

    internal ActivityNode(JsonObject raw, string id, string type, string nodeId, ActivityNode? parent)
    {
        Raw = raw;
        Id = id;
        Type = type;
        NodeId = nodeId;
        Parent = parent;
    }

    /// <summary>The activity's id, unique within its flowchart.</summary>
    public string Id { get; }
    /// <summary>The type name, e.g. <c>Elsa.WriteLine</c>.</summary>
    public string Type { get; }
    /// <summary>The JSON <c>nodeId</c> when present, else built as <c>parentNodeId:id</c>; unique within the definition.</summary>
    public string NodeId { get; }
    /// <summary>The flowchart or composite activity holding this activity; null for the root.</summary>
    public ActivityNode? Parent { get; }
    /// <summary>The activity's JSON object as read; what the model does not interpret stays here and is written back.</summary>
    public JsonObject Raw { get; }
    /// <summary>The designer's display name (<c>name</c>), or null.</summary>
    public string? Name => Raw["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>Child activities when this is a flowchart, else empty.</summary>
    public List<ActivityNode> Activities { get; } = [];
    /// <summary>Connections when this is a flowchart, else empty.</summary>
    public List<Connection> Connections { get; } = [];
    /// <summary>Variables declared on this flowchart.</summary>
    public List<VariableDefinition> Variables { get; } = [];
    /// <summary>The <c>body</c> activity (any activity: a FlowNode's or a loop's body), else null.</summary>
    public ActivityNode? Body { get; internal set; }
    /// <summary>
    /// The other embedded child activities, as Elsa serialises its <c>[Port]</c> properties: a single activity under
    /// its camelCase property name (<c>then</c>, <c>else</c>, <c>default</c>), a list (<c>activities</c> of a
    /// Sequence), or one per switch case (<c>cases[i].activity</c>). See docs/definition-format.md.
    /// </summary>
    public List<EmbeddedActivity> Embedded { get; } = [];

    /// <summary>The child embedded under <paramref name="port"/> (<c>body</c>, <c>then</c> ...; case-insensitive), or null.</summary>
    public ActivityNode? Port(string port) =>
        string.Equals(port, "body", StringComparison.OrdinalIgnoreCase) && Body is not null
            ? Body
            : Embedded.FirstOrDefault(e => e.Index is null && string.Equals(e.Port, port, StringComparison.OrdinalIgnoreCase))?.Activity;

    /// <summary>The children embedded in a list under <paramref name="port"/> (<c>activities</c>, <c>cases</c>), by index.</summary>
    public IEnumerable<EmbeddedActivity> PortList(string port) =>
        Embedded.Where(e => e.Index is not null && string.Equals(e.Port, port, StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.Index);

    /// <summary>The old shape's <c>root.start</c> (start activity id), else null.</summary>
    public string? StartActivityId => Raw["start"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>customProperties (an empty object when absent; not added to <see cref="Raw"/> until written to).</summary>
    public JsonObject? CustomProperties => Raw["customProperties"] as JsonObject;

    /// <summary><c>canStartWorkflow</c> from customProperties (newer files) or the activity itself (older files).</summary>
    public bool CanStartWorkflow => ReadBool(CustomProperties?["canStartWorkflow"]) || ReadBool(Raw["canStartWorkflow"]);

    /// <summary>The implicit-join merge mode from customProperties.mergeMode, or null.</summary>
    public string? MergeMode => CustomProperties?["mergeMode"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>True for <c>Elsa.Flowchart</c>.</summary>
    public bool IsFlowchart => Type == "Elsa.Flowchart";

    /// <summary>
    /// The input named <paramref name="name"/> (camelCase as in the JSON, matched case-insensitively), or null when
    /// absent or JSON null. A property holding something other than an input object yields null too.
    /// </summary>
    public ExpressionInput? GetInput(string name)
    {
        var node = FindProperty(name);
        return node is JsonObject obj ? ParseInput(obj) : null;
    }

    /// <summary>A raw property (case-insensitive), e.g. SetVariable's inline <c>variable</c> object.</summary>
    public JsonNode? FindProperty(string name)
    {
        if (Raw.TryGetPropertyValue(name, out var exact)) return exact;
        foreach (var (key, value) in Raw)
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value;
        return null;
    }

    /// <summary>Every property that has the input shape (<c>{typeName?, expression:{type, value}}</c>) or is null, by JSON name.</summary>
    public IEnumerable<(string Name, ExpressionInput? Input)> Inputs()
    {
        foreach (var (key, value) in Raw)
        {
            if (NonInputProperties.Contains(key)) continue;
            if (value is null) yield return (key, null);
            else if (value is JsonObject obj && obj["expression"] is not null) yield return (key, ParseInput(obj));
        }
    }

    /// <summary>Sets an input (writes it into <see cref="Raw"/> under its camelCase name).</summary>
    public void SetInput(string name, ExpressionInput input) => Raw[ToCamel(name)] = input.ToJson();

    internal static string ToCamel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    internal static ExpressionInput? ParseInput(JsonObject obj)
    {
        if (obj["expression"] is not JsonObject expr) return null;
        var typeName = obj["typeName"] is JsonValue t && t.TryGetValue<string>(out var tn) ? tn : null;
        var type = expr["type"] is JsonValue et && et.TryGetValue<string>(out var ets) ? ets : "Literal";
        return new ExpressionInput(typeName, type, expr["value"]);
    }

    private static bool ReadBool(JsonNode? node) =>
        node is JsonValue v && ((v.TryGetValue<bool>(out var b) && b) || (v.TryGetValue<string>(out var s) && bool.TryParse(s, out var sb) && sb));

    /// <summary>Every activity below this one (depth first, this one excluded), including FlowNode bodies.</summary>
    public IEnumerable<ActivityNode> Descendants()
    {
        foreach (var a in Activities)
        {
            yield return a;
            foreach (var d in a.Descendants()) yield return d;
        }
        if (Body is not null)
        {
            yield return Body;
            foreach (var d in Body.Descendants()) yield return d;
        }
        foreach (var e in Embedded)
        {
            yield return e.Activity;
            foreach (var d in e.Activity.Descendants()) yield return d;
        }
    }

    /// <summary><c>Type Id</c>, for messages.</summary>
    public override string ToString() => $"{Type} {Id}";
}

/// <summary>A child activity embedded in its parent's JSON under <paramref name="Port"/> (with the list index for lists).</summary>
public sealed record EmbeddedActivity(string Port, int? Index, ActivityNode Activity);
