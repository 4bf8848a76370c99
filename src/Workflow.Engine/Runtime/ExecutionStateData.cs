using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Engine.Runtime;

/// <summary>The runtime's scheduling state, stored as <see cref="WorkflowInstance.ExecutionState"/> JSON between runs.</summary>
internal sealed class ExecutionStateData
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public FlowchartMode Mode { get; set; }
    public long JournalSequence { get; set; }
    public bool Faulted { get; set; }
    public Dictionary<string, ScopeState> Scopes { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Per-activity JSON state by node id.</summary>
    public Dictionary<string, JsonObject> Nodes { get; set; } = new(StringComparer.Ordinal);
    /// <summary>
    /// Activity outputs and the last result in <see cref="Expressions.ActivityOutputs"/>' shape (by activity id, then
    /// output name; Elsa's <c>getOutputFrom</c>/<c>getLastResult()</c>), kept across resumes.
    /// </summary>
    public JsonObject Outputs { get; set; } = new();

    /// <summary>The state as UTF-8 JSON text (an object), as stored (<see cref="WorkflowInstance.ExecutionStateUtf8"/>).</summary>
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    public static ExecutionStateData FromJson(JsonObject json) =>
        json.Count == 0 ? new ExecutionStateData() : json.Deserialize<ExecutionStateData>(Options) ?? new ExecutionStateData();
}

/// <summary>
/// The state of one running flowchart (the root or a nested one), or of the children of one running composite
/// activity (<see cref="IsComposite"/>: If, loops, Sequence, FlowNode ...; keyed by the composite's node id).
/// </summary>
internal sealed class ScopeState
{
    /// <summary>True for a composite's children: the composite's completion callback decides what follows.</summary>
    public bool IsComposite { get; set; }
    /// <summary>The node id of the activity reported complete when this scope completes (the nested flowchart itself, or the composite); null for the root.</summary>
    public string? OwnerNodeId { get; set; }
    /// <summary>The scope holding the owner; null for the root.</summary>
    public string? ParentScopeId { get; set; }
    /// <summary>Counter mode: completions (and skips) per activity.</summary>
    public Dictionary<string, long> Visits { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Counter mode: activities whose last visit was a skip (dead path) rather than an execution.</summary>
    public List<string> Skipped { get; set; } = [];
    /// <summary>Counter mode: visits per connection key.</summary>
    public Dictionary<string, long> ConnectionVisits { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Counter mode: whether the last visit of a connection followed it.</summary>
    public Dictionary<string, bool> LastFollowed { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Token mode: tokens delivered per connection key.</summary>
    public Dictionary<string, long> Arrivals { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Token mode: how often each join target fired.</summary>
    public Dictionary<string, long> Fired { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Targets holding arrivals but not allowed to run yet; the flowchart is not complete while any waits.</summary>
    public List<string> WaitingJoins { get; set; } = [];
    /// <summary>Activities currently running because a backward (loop) connection scheduled them.</summary>
    public List<string> BackwardRuns { get; set; } = [];
}
