using System.Text.Json.Nodes;
using NodaTime;

namespace Workflow.Engine.Runtime;

/// <summary>
/// The durable state of one run of one definition version. The definition version is pinned for the
/// instance's whole life: publishing a new version never changes a running instance.
/// </summary>
public sealed class WorkflowInstance
{
    /// <summary>The instance id, unique in the store.</summary>
    public required string Id { get; init; }
    /// <summary>Elsa's <c>definitionId</c> of the definition it runs (shared by all versions).</summary>
    public required string DefinitionId { get; init; }
    /// <summary>The version number it is pinned to.</summary>
    public required int DefinitionVersion { get; init; }
    /// <summary>The id of the stored definition version (Elsa's <c>id</c>, as opposed to <c>definitionId</c>).</summary>
    public required string DefinitionVersionId { get; init; }
    /// <summary>The caller's correlation id (e.g. a case number), set at start or by Elsa.Correlate; null when none.</summary>
    public string? CorrelationId { get; set; }
    /// <summary>The instance's display name (Elsa.SetName); null when none.</summary>
    public string? Name { get; set; }
    /// <summary>
    /// A designer's trial run (the Studio's Run): stored and run like any instance, but modules that project instances
    /// into production views (inboxes, case lists, figures) leave it out. Set at start, never changed.
    /// </summary>
    public bool IsTest { get; init; }
    /// <summary>Running or Finished (docs/definition-format.md, "Status").</summary>
    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;
    /// <summary>The fine status, e.g. Suspended while waiting or Faulted (docs/definition-format.md, "Status").</summary>
    public WorkflowSubStatus SubStatus { get; set; } = WorkflowSubStatus.Pending;
    /// <summary>Workflow input, as given at start.</summary>
    public JsonObject Input { get; set; } = new();
    /// <summary>Workflow variables by name.</summary>
    public JsonObject Variables { get; set; } = new();
    /// <summary>Workflow output by name (Elsa.SetOutput), as Elsa's <c>WorkflowState.Output</c>.</summary>
    public JsonObject Output { get; set; } = new();
    /// <summary>Open bookmarks; empty when nothing waits.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];
    /// <summary>
    /// The runtime's own scheduling state (flowchart tokens or counters, activity state per node).
    /// Opaque to storage: stored and loaded as JSON.
    /// </summary>
    public JsonObject ExecutionState
    {
        get
        {
            if (_executionState is null)
            {
                _executionState = _loadExecutionState?.Invoke() ?? new JsonObject();
                _loadExecutionState = null;
                // Whoever reads the object may change it: from now on it, not the text or the run's object, is the state.
                ForgetRunState();
            }
            return _executionState;
        }
        set
        {
            _executionState = value;
            _loadExecutionState = null;
            ForgetRunState();
        }
    }

    private JsonObject? _executionState;
    private Func<JsonObject>? _loadExecutionState;
    private ExecutionStateData? _textSource;
    private byte[]? _utf8;

    /// <summary>
    /// The state as UTF-8 JSON, written from the run's object when first asked for, while nobody has read
    /// <see cref="ExecutionState"/>: a store that needs all of it cuts its parts from the text instead of building and
    /// writing a node per value (issue #16). Null when the state is the object (or is built from stored parts).
    /// </summary>
    internal byte[]? ExecutionStateUtf8 => _utf8 ??= _textSource?.ToUtf8();

    /// <summary>
    /// A run has finished with <paramref name="state"/>: it is the state (<see cref="RunState"/>), and the JSON is written
    /// from it only when somebody asks (<see cref="ExecutionStateUtf8"/>, <see cref="ExecutionState"/>). A store that keeps
    /// the object for the next run must first make the state readable without it (<see cref="BuildExecutionStateWhenRead"/>):
    /// the next run changes the object.
    /// </summary>
    internal void SetRunState(ExecutionStateData state)
    {
        _executionState = null;
        _loadExecutionState = () => JsonNode.Parse(ExecutionStateUtf8!) as JsonObject
            ?? throw new InvalidDataException($"Workflow instance '{Id}': the execution state is not a JSON object.");
        _textSource = state;
        _utf8 = null;
        RunState = state;
    }

    private void ForgetRunState()
    {
        _textSource = null;
        _utf8 = null;
        RunState = null;
    }

    /// <summary>
    /// For a store that builds <see cref="ExecutionState"/> only when it is read: a load that only looks at the row and
    /// the bookmarks (a page, a check) or a resume that takes <see cref="TakeRunState"/> never assembles the state.
    /// </summary>
    internal void BuildExecutionStateWhenRead(Func<JsonObject> build)
    {
        _executionState = null;
        _loadExecutionState = build;
        _textSource = null;
        _utf8 = null;
    }

    /// <summary>
    /// Set by a store that keeps the runtime's scheduling object of this exact stored state (the one the last run of this
    /// process saved): the runtime takes it instead of reading <see cref="ExecutionState"/> again. Null or returning
    /// null: read the state (docs/persistence.md, *The snapshot of the last save*).
    /// </summary>
    internal Func<object?>? TakeRunState { get; set; }

    /// <summary>
    /// The runtime's scheduling object equal to <see cref="ExecutionState"/>, set by the run that produced it, for the store
    /// to write from and keep with the save; cleared when somebody reads or sets <see cref="ExecutionState"/> (then that
    /// object is the state).
    /// </summary>
    internal ExecutionStateData? RunState { get; set; }
    /// <summary>Set when the instance faulted: which activity and why.</summary>
    public WorkflowFault? Fault { get; set; }
    /// <summary>When it was started, from the injected clock.</summary>
    public Instant CreatedAt { get; init; }
    /// <summary>When a run last changed it, from the injected clock.</summary>
    public Instant UpdatedAt { get; set; }
    /// <summary>When it became Finished (whatever the sub-status); null while it runs.</summary>
    public Instant? FinishedAt { get; set; }
    /// <summary>
    /// Optimistic-concurrency version: the store increments it on every update and refuses an update whose
    /// expected version is stale (<see cref="Persistence.ConcurrencyConflictException"/>).
    /// </summary>
    public long Version { get; set; }

    /// <summary>
    /// The execution state's parts as the EF store last read or wrote them (at <see cref="Persistence.EntityFramework.StoredStateParts.Version"/>),
    /// so that the next save writes only the parts that differ without reading them again; null when unknown.
    /// </summary>
    internal Persistence.EntityFramework.StoredStateParts? StoredState { get; set; }

    /// <summary>
    /// The row version of the definition version this instance runs, read with the instance by the EF store (null inside
    /// when that version is not published); null when the store did not read it — the runtime then asks the definition store.
    /// </summary>
    internal DefinitionStamp? PublishedDefinitionStamp { get; set; }
}

/// <summary>A definition version's row version as read with an instance; <paramref name="RowVersion"/> is null when it is not published.</summary>
internal sealed record DefinitionStamp(long? RowVersion);

/// <summary>Why an instance faulted.</summary>
public sealed record WorkflowFault(string ActivityId, string Message, string? Code = null);
