using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Splits an instance's execution state into parts stored as rows of <c>wf_state_parts</c>, so that a save rewrites
/// only the parts a run changed (issue #16, "write only what changed"; docs/persistence.md, *Execution state in
/// parts*). The split is structural and knows nothing of the runtime's meaning: every value at most
/// <see cref="MaxDepth"/> object levels deep is a part, keyed by its JSON Pointer (RFC 6901); an object at that depth,
/// an array or a scalar is stored whole; an empty object is a part of its own (<c>{}</c>), so it survives. A resume of
/// one branch of a K-wide fork changes a handful of parts (one arrival counter, the journal sequence, the resumed
/// node's state), whatever K is.
/// </summary>
internal static class StateParts
{
    /// <summary>
    /// Four levels: <c>/scopes/{scope}/arrivals/{connection}</c> is one counter, <c>/nodes/{node}/{key}</c> one value,
    /// <c>/outputs/{activity}/{name}</c> one output.
    /// </summary>
    public const int MaxDepth = 4;

    /// <summary>The parts of <paramref name="state"/> in document order, pointer → JSON text.</summary>
    public static List<KeyValuePair<string, string>> Split(JsonObject state)
    {
        var parts = new List<KeyValuePair<string, string>>();
        Split(state, "", 0, parts);
        return parts;
    }

    /// <summary>
    /// The parts of a state given as UTF-8 JSON text (an object), cut straight from the text: the same pointers as
    /// <see cref="Split(JsonObject)"/>, each value's text as written. The runtime hands its state over this way
    /// (<see cref="Runtime.WorkflowInstance.ExecutionStateUtf8"/>), which spares building a node per value and writing
    /// every value again one by one — at K = 300 the larger part of a save's CPU (docs/benchmarks.md, 2026-12-02).
    /// </summary>
    public static List<KeyValuePair<string, string>> Split(ReadOnlySpan<byte> utf8)
    {
        var parts = new List<KeyValuePair<string, string>>();
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new InvalidDataException("An execution state must be a JSON object.");
        Split(ref reader, utf8, "", 0, parts);
        return parts;
    }

    /// <summary>
    /// The parts of one value of the state, <paramref name="utf8"/>, found at <paramref name="pointer"/>, a property
    /// <paramref name="depth"/> object levels deep (0: a property of the state itself): exactly the parts
    /// <see cref="Split(ReadOnlySpan{byte})"/> gives for that property inside the whole state.
    /// </summary>
    public static void SplitValue(ReadOnlySpan<byte> utf8, string pointer, int depth, List<KeyValuePair<string, string>> parts)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        SplitValue(ref reader, utf8, pointer, depth, parts);
    }

    /// <summary>Reads the properties of the object whose start the reader is on, up to and including its end.</summary>
    private static void Split(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string prefix, int depth, List<KeyValuePair<string, string>> parts)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var pointer = prefix + "/" + Escape(reader.GetString()!);
            reader.Read();
            SplitValue(ref reader, utf8, pointer, depth, parts);
        }
    }

    /// <summary>
    /// The value whose first token the reader is on, a property <paramref name="depth"/> levels deep: a non-empty object
    /// above the last level is split further, anything else is one part (its text as written). The reader ends on the
    /// value's last token.
    /// </summary>
    private static void SplitValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string pointer, int depth, List<KeyValuePair<string, string>> parts)
    {
        if (reader.TokenType == JsonTokenType.StartObject && depth + 1 < MaxDepth)
        {
            var ahead = reader;
            ahead.Read();
            if (ahead.TokenType != JsonTokenType.EndObject)
            {
                Split(ref reader, utf8, pointer, depth + 1, parts);
                return;
            }
        }
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        parts.Add(new(pointer, System.Text.Encoding.UTF8.GetString(utf8[start..(int)reader.BytesConsumed])));
    }

    /// <summary>The state rebuilt from its parts as stored (pointer → ordinal and JSON), in the order of their ordinals.</summary>
    public static JsonObject Assemble(IReadOnlyDictionary<string, (int Ordinal, string Json)> parts, string instanceId) =>
        Assemble(parts.OrderBy(p => p.Value.Ordinal).Select(p => (p.Key, p.Value.Json)), instanceId);

    /// <summary>
    /// The state rebuilt from its parts, taken in <paramref name="parts"/>' order (the order they were first written),
    /// so that every object's properties come back in the order they were added.
    /// </summary>
    public static JsonObject Assemble(IEnumerable<(string Pointer, string Json)> parts, string instanceId)
    {
        var root = new JsonObject();
        foreach (var (pointer, json) in parts)
        {
            var segments = pointer.Split('/');
            if (segments.Length < 2 || segments[0].Length != 0)
                throw new InvalidDataException($"Workflow instance '{instanceId}': the stored state part '{pointer}' is not a JSON Pointer.");
            var parent = root;
            for (var i = 1; i < segments.Length - 1; i++)
            {
                var name = Unescape(segments[i]);
                if (parent[name] is not JsonObject child)
                {
                    child = new JsonObject();
                    parent[name] = child;
                }
                parent = child;
            }
            var value = JsonNode.Parse(json);
            var last = Unescape(segments[^1]);
            // An empty object written before its first property (an older part) must not replace the properties.
            if (value is JsonObject { Count: 0 } && parent[last] is JsonObject) continue;
            parent[last] = value;
        }
        return root;
    }

    private static void Split(JsonObject obj, string prefix, int depth, List<KeyValuePair<string, string>> parts)
    {
        foreach (var (name, value) in obj)
        {
            var pointer = prefix + "/" + Escape(name);
            if (value is JsonObject { Count: > 0 } child && depth + 1 < MaxDepth)
                Split(child, pointer, depth + 1, parts);
            else
                parts.Add(new(pointer, value?.ToJsonString() ?? "null"));
        }
    }

    /// <summary>A property name as a JSON Pointer segment (RFC 6901: <c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    public static string Escape(string name) =>
        name.Contains('~') || name.Contains('/') ? name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) : name;

    /// <summary>A JSON Pointer segment as the property name it stands for.</summary>
    public static string Unescape(string segment) =>
        segment.Contains('~') ? segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal) : segment;
}

/// <summary>
/// What <c>wf_state_parts</c> holds for an instance at row version <paramref name="Version"/>: pointer → (ordinal, JSON);
/// and what <c>wf_bookmarks</c> holds for it then (by bookmark id; null when not known), so that a save writes the
/// bookmark delta without reading the rows first. Valid only while the stored row is at that version — every change of
/// a part or a bookmark bumps the version in the same transaction (a timer's lease, <c>claimed_by</c> /
/// <c>claimed_until</c>, does not, and the delta never writes or compares it).
/// </summary>
/// <remarks>
/// <paramref name="Row"/>: the instance row as read or written at that version (null when not known), so that an update
/// sets only the columns that changed. <paramref name="BookmarkObjects"/>: the instance's bookmarks in order as saved
/// (null when not known), handed to the next load instead of rebuilding them from rows (<see cref="InstanceSnapshots"/>;
/// records, whose payloads nobody changes in place). The runtime's scheduling object of this state may be offered with
/// <see cref="OfferRunState"/> and is handed to <b>one</b> taker (<see cref="TakeRunState"/>): a run mutates it.
/// </remarks>
internal sealed record StoredStateParts(long Version, Dictionary<string, (int Ordinal, string Json)> Parts, Dictionary<string, BookmarkRow>? Bookmarks = null, InstanceRow? Row = null,
    IReadOnlyList<Runtime.Bookmark>? BookmarkObjects = null)
{
    private object? _runState;
    private long _weight = -1;

    /// <summary>
    /// An estimate of what keeping this costs, in characters: the parts' JSON and the bookmarks' rows; the objects built
    /// from them weigh a few times more (<see cref="InstanceSnapshots"/>' budget). The scopes' copies and the pointer
    /// lists share their strings with the state and the parts: an entry is counted as 16 characters.
    /// </summary>
    public long Weight
    {
        get
        {
            if (_weight < 0)
            {
                long sum = 0;
                foreach (var (pointer, (_, json)) in Parts) sum += pointer.Length + json.Length + 16;
                foreach (var b in Bookmarks?.Values ?? Enumerable.Empty<BookmarkRow>()) sum += 128 + (b.Payload?.Length ?? 0);
                foreach (var scope in Scopes?.Values ?? [])
                {
                    sum += 16 * (8 + scope.Visits.Count + scope.ConnectionVisits.Count + scope.LastFollowed.Count + scope.Arrivals.Count + scope.Fired.Count
                        + scope.Skipped.Count + scope.WaitingJoins.Count + scope.BackwardRuns.Count);
                }
                sum += 16 * ((_nodeParts?.Count ?? 0) + (_outputParts?.Count ?? 0));
                _weight = sum;
            }
            return _weight;
        }
    }

    private int? _lastOrdinal;
    private Dictionary<string, string[]>? _nodeParts;
    private Dictionary<string, string[]>? _outputParts;

    /// <summary>
    /// The runtime's scopes as saved at <see cref="Version"/>: copies nobody changes, for the next save to compare the
    /// run's scopes with (<see cref="StateChanges"/>); null when not known (a load).
    /// </summary>
    public IReadOnlyDictionary<string, Runtime.ScopeState>? Scopes { get; init; }

    /// <summary>The greatest ordinal of <see cref="Parts"/> (−1 when none); given, or found once.</summary>
    public int LastOrdinal
    {
        get => _lastOrdinal ??= Parts.Count == 0 ? -1 : Parts.Values.Max(p => p.Ordinal);
        init => _lastOrdinal = value;
    }

    /// <summary>The pointers of <see cref="Parts"/> under <c>/nodes/{node}</c>, by node id; given, or found once.</summary>
    public Dictionary<string, string[]> NodeParts
    {
        get => _nodeParts ??= PartsUnder(StateChanges.NodesPointer);
        init => _nodeParts = value;
    }

    /// <summary>The pointers of <see cref="Parts"/> under <c>/outputs/{key}</c>, by key; given, or found once.</summary>
    public Dictionary<string, string[]> OutputParts
    {
        get => _outputParts ??= PartsUnder(StateChanges.OutputsPointer);
        init => _outputParts = value;
    }

    private Dictionary<string, string[]> PartsUnder(string root)
    {
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pointer in Parts.Keys)
        {
            if (pointer.Length <= root.Length + 1 || !pointer.StartsWith(root, StringComparison.Ordinal) || pointer[root.Length] != '/') continue;
            var end = pointer.IndexOf('/', root.Length + 1);
            var key = StateParts.Unescape(end < 0 ? pointer[(root.Length + 1)..] : pointer[(root.Length + 1)..end]);
            if (!lists.TryGetValue(key, out var list)) lists[key] = list = [];
            list.Add(pointer);
        }
        return lists.ToDictionary(l => l.Key, l => l.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Offers the runtime's scheduling object that equals this state (it is handed to one taker only), noting on it that
    /// it equals this image, so that the run that takes it may save only what it touches.
    /// </summary>
    public void OfferRunState(Runtime.ExecutionStateData? runState)
    {
        if (runState is not null) runState.Baseline = this;
        Volatile.Write(ref _runState, runState);
    }

    /// <summary>The offered scheduling object, once: whoever takes it owns it (and mutates it); null when none is left.</summary>
    public object? TakeRunState() => Interlocked.Exchange(ref _runState, null);
}
