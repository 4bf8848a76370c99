using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Finds the parts of an execution state a run changed without writing the whole state as JSON again (issue #16,
/// constant cost per step; docs/persistence.md, *Execution state in parts*). Writing, cutting and comparing every part
/// made a step's CPU grow with the width of a fork: at K = 300 it was ~45 % of a step (docs/benchmarks.md, 2026-12-03 (2)).
/// </summary>
/// <remarks>
/// It applies when the run's state object is the one the store kept with the save the run starts from
/// (<see cref="ExecutionStateData.Baseline"/>). Then:
/// <list type="bullet">
/// <item>node states and outputs are JSON objects changed in place; only the ones the run handed out or set
/// (<see cref="ExecutionStateData.TouchedNodes"/>, <see cref="ExecutionStateData.TouchedOutputs"/>) are written and cut again;</item>
/// <item>the scopes' counters are compared value by value with the copies kept with the save
/// (<see cref="StoredStateParts.Scopes"/>) — no text is made for an unchanged counter;</item>
/// <item>the three values at the top are written and compared as text (three small strings).</item>
/// </list>
/// Parts are set in the state's document order, so new parts get the ordinals a split of the whole state would give them.
/// </remarks>
internal static class StateChanges
{
    public const string ScopesPointer = "/scopes";
    public const string NodesPointer = "/nodes";
    public const string OutputsPointer = "/outputs";

    /// <summary>
    /// When set, every save found this way is checked against a split of the whole state and throws when the stored
    /// result would differ. The engine's tests set it for all their saves; it costs what this class saves.
    /// </summary>
    internal static bool VerifyAgainstAllParts { get; set; }

    private static readonly JsonSerializerOptions Options = ExecutionStateData.Options;
    private static readonly string ModeName = Name(nameof(ExecutionStateData.Mode));
    private static readonly string JournalSequenceName = Name(nameof(ExecutionStateData.JournalSequence));
    private static readonly string FaultedName = Name(nameof(ExecutionStateData.Faulted));

    /// <summary>
    /// The changes of the run that left <paramref name="state"/>, and what the store keeps for the next save; null when the
    /// state is not the object kept with <paramref name="known"/> (then every part is split and compared).
    /// </summary>
    public static (StatePartsChanges Changes, StoredStateParts Kept)? Find(ExecutionStateData? state, StoredStateParts? known)
    {
        if (state is null || known?.Scopes is null || !ReferenceEquals(state.Baseline, known)) return null;

        var changes = new StatePartsChanges(known.Parts, known.LastOrdinal);
        changes.Set("/" + ModeName, JsonSerializer.Serialize(state.Mode, Options));
        changes.Set("/" + JournalSequenceName, state.JournalSequence.ToString(CultureInfo.InvariantCulture));
        changes.Set("/" + FaultedName, state.Faulted ? "true" : "false");
        var scopes = Scopes(changes, state.Scopes, known.Scopes);
        var nodes = Subtrees(changes, NodesPointer, state.Nodes, state.TouchedNodes, known.NodeParts);
        var outputs = Subtrees(changes, OutputsPointer, state.Outputs, state.TouchedOutputs, known.OutputParts);

        if (VerifyAgainstAllParts) Verify(state, known, changes);
        return (changes, new StoredStateParts(0, changes.Parts) { Scopes = scopes, LastOrdinal = changes.LastOrdinal, NodeParts = nodes, OutputParts = outputs });
    }

    /// <summary>Copies of <paramref name="scopes"/> to keep with a save made from a split of the whole state.</summary>
    public static IReadOnlyDictionary<string, ScopeState> Copy(Dictionary<string, ScopeState> scopes) =>
        scopes.ToDictionary(s => s.Key, s => s.Value.Copy(), StringComparer.Ordinal);

    private static Dictionary<string, ScopeState> Scopes(StatePartsChanges changes, Dictionary<string, ScopeState> current, IReadOnlyDictionary<string, ScopeState> saved)
    {
        var kept = new Dictionary<string, ScopeState>(current.Count, StringComparer.Ordinal);
        if (current.Count == 0)
        {
            changes.Set(ScopesPointer, "{}");
            foreach (var (id, scope) in saved) RemoveAll(changes, ScopePointer(id), scope);
            return kept;
        }

        changes.Remove(ScopesPointer);
        var found = 0;
        foreach (var (id, scope) in current)
        {
            var pointer = ScopePointer(id);
            if (!saved.TryGetValue(id, out var before))
            {
                foreach (var (part, json) in PartsOf(pointer, scope)) changes.Set(part, json);
                kept[id] = scope.Copy();
                continue;
            }
            found++;
            kept[id] = ScopeDiff.Write(changes, pointer, scope, before) ? scope.Copy() : before;
        }
        if (found < saved.Count)
        {
            foreach (var (id, scope) in saved)
            {
                if (!current.ContainsKey(id)) RemoveAll(changes, ScopePointer(id), scope);
            }
        }
        return kept;
    }

    /// <summary>
    /// The parts under <paramref name="root"/> (node states, outputs), one subtree per key: a key the run touched, or new,
    /// is cut again and its vanished parts deleted; an untouched key keeps its parts.
    /// </summary>
    private static Dictionary<string, string[]> Subtrees<TNode>(StatePartsChanges changes, string root, IDictionary<string, TNode> current,
        HashSet<string> touched, Dictionary<string, string[]> saved) where TNode : JsonNode?
    {
        if (current.Count == 0)
        {
            changes.Set(root, "{}");
            foreach (var pointers in saved.Values)
            {
                foreach (var pointer in pointers) changes.Remove(pointer);
            }
            return new(StringComparer.Ordinal);
        }

        changes.Remove(root);
        var kept = new Dictionary<string, string[]>(saved, StringComparer.Ordinal);
        var found = 0;
        foreach (var (key, value) in current)
        {
            var known = saved.TryGetValue(key, out var before);
            if (known) found++;
            if (known && !touched.Contains(key)) continue;
            var parts = PartsOf(root + "/" + StateParts.Escape(key), value);
            var now = new string[parts.Count];
            for (var i = 0; i < parts.Count; i++)
            {
                changes.Set(parts[i].Key, parts[i].Value);
                now[i] = parts[i].Key;
            }
            if (known)
            {
                foreach (var pointer in before!)
                {
                    if (Array.IndexOf(now, pointer) < 0) changes.Remove(pointer);
                }
            }
            kept[key] = now;
        }
        if (found < saved.Count)
        {
            foreach (var (key, pointers) in saved)
            {
                if (current.ContainsKey(key)) continue;
                foreach (var pointer in pointers) changes.Remove(pointer);
                kept.Remove(key);
            }
        }
        return kept;
    }

    private static string ScopePointer(string id) => ScopesPointer + "/" + StateParts.Escape(id);

    private static void RemoveAll(StatePartsChanges changes, string pointer, ScopeState scope)
    {
        foreach (var (part, _) in PartsOf(pointer, scope)) changes.Remove(part);
    }

    /// <summary>The parts of one value of the state at <paramref name="pointer"/> (a property one level deep), written as JSON and cut.</summary>
    private static List<KeyValuePair<string, string>> PartsOf<T>(string pointer, T value)
    {
        var parts = new List<KeyValuePair<string, string>>();
        StateParts.SplitValue(JsonSerializer.SerializeToUtf8Bytes(value, Options), pointer, 1, parts);
        return parts;
    }

    private static void Verify(ExecutionStateData state, StoredStateParts known, StatePartsChanges changes)
    {
        var all = StatePartsChanges.All(known.Parts, known.LastOrdinal, StateParts.Split(state.ToUtf8()));
        var wrong = all.Parts.Where(p => !changes.Parts.TryGetValue(p.Key, out var found) || found != p.Value).Select(p => p.Key)
            .Concat(changes.Parts.Keys.Where(p => !all.Parts.ContainsKey(p))).FirstOrDefault();
        if (wrong is not null || all.LastOrdinal != changes.LastOrdinal)
        {
            throw new InvalidOperationException(
                $"The touched parts of the state differ from a split of the whole state at '{wrong ?? "(last ordinal)"}': " +
                $"touched {Describe(changes.Parts, wrong)}, whole {Describe(all.Parts, wrong)}.");
        }
    }

    private static string Describe(Dictionary<string, (int Ordinal, string Json)> parts, string? pointer) =>
        pointer is null ? $"{parts.Count} parts" : parts.TryGetValue(pointer, out var p) ? $"#{p.Ordinal} {p.Json}" : "none";

    internal static string Name(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);
}
