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

    private static string Escape(string name) =>
        name.Contains('~') || name.Contains('/') ? name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal) : name;

    private static string Unescape(string segment) =>
        segment.Contains('~') ? segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal) : segment;
}

/// <summary>
/// What <c>wf_state_parts</c> holds for an instance at row version <paramref name="Version"/>: pointer → (ordinal, JSON);
/// and what <c>wf_bookmarks</c> holds for it then (by bookmark id; null when not known), so that a save writes the
/// bookmark delta without reading the rows first. Valid only while the stored row is at that version — every change of
/// a part or a bookmark bumps the version in the same transaction (a timer's lease, <c>claimed_by</c> /
/// <c>claimed_until</c>, does not, and the delta never writes or compares it).
/// </summary>
/// <remarks><paramref name="Row"/>: the instance row as read or written at that version (null when not known), so that an update sets only the columns that changed.</remarks>
internal sealed record StoredStateParts(long Version, Dictionary<string, (int Ordinal, string Json)> Parts, Dictionary<string, BookmarkRow>? Bookmarks = null, InstanceRow? Row = null);
