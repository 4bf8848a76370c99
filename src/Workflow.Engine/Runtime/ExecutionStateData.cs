using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Engine.Runtime;

/// <summary>The runtime's scheduling state, stored as <see cref="WorkflowInstance.ExecutionState"/> JSON between runs.</summary>
internal sealed class ExecutionStateData
{
    /// <summary>How the state is written as JSON; the store writes single parts of it with the same options (<see cref="Persistence.EntityFramework.StateChanges"/>).</summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

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

    // Not part of the JSON (internal members are not serialised): what a run touched, so that a save finds the changed
    // parts without writing the whole state again (issue #16, constant cost per step; docs/persistence.md, *Execution
    // state in parts*). Node states and outputs are JSON objects changed in place, so a run marks the ones it hands out;
    // the scopes' counters are compared with a copy (Persistence.EntityFramework.StateChanges).

    /// <summary>Nodes whose state object this run handed out (to an activity or a composite's callback) or replaced.</summary>
    internal HashSet<string> TouchedNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys of <see cref="Outputs"/> this run set (activity ids, the last result's key).</summary>
    internal HashSet<string> TouchedOutputs { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The stored image this object was equal to when its run began, set by the store that kept the object with that
    /// save; null when the object was read from JSON. A save may write only the touched parts when it is the image the
    /// save starts from.
    /// </summary>
    internal object? Baseline { get; set; }

    /// <summary>A run begins: nothing is touched yet.</summary>
    internal void BeginRun()
    {
        TouchedNodes.Clear();
        TouchedOutputs.Clear();
    }

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

    /// <summary>A deep copy (the store keeps one per saved scope to find what the next run changed).</summary>
    public ScopeState Copy() => new()
    {
        IsComposite = IsComposite,
        OwnerNodeId = OwnerNodeId,
        ParentScopeId = ParentScopeId,
        Visits = new(Visits, StringComparer.Ordinal),
        Skipped = [.. Skipped],
        ConnectionVisits = new(ConnectionVisits, StringComparer.Ordinal),
        LastFollowed = new(LastFollowed, StringComparer.Ordinal),
        Arrivals = new(Arrivals, StringComparer.Ordinal),
        Fired = new(Fired, StringComparer.Ordinal),
        WaitingJoins = [.. WaitingJoins],
        BackwardRuns = [.. BackwardRuns],
    };
}
