using System.Globalization;
using System.Text.Json;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Writes the parts of one flowchart scope that differ from the copy kept with the last save (<see cref="StateChanges"/>):
/// counters are compared as numbers, so an unchanged counter costs a lookup and no text. The properties are visited in
/// <see cref="ScopeState"/>'s declaration order (the order they are written as JSON), and a test checks that every
/// property written as JSON is visited here.
/// </summary>
internal static class ScopeDiff
{
    private static readonly JsonSerializerOptions Options = ExecutionStateData.Options;

    /// <summary>The JSON names of the properties this class compares, in the order it compares them.</summary>
    internal static readonly string[] Properties =
    [
        StateChanges.Name(nameof(ScopeState.IsComposite)), StateChanges.Name(nameof(ScopeState.OwnerNodeId)), StateChanges.Name(nameof(ScopeState.ParentScopeId)),
        StateChanges.Name(nameof(ScopeState.Visits)), StateChanges.Name(nameof(ScopeState.Skipped)), StateChanges.Name(nameof(ScopeState.ConnectionVisits)),
        StateChanges.Name(nameof(ScopeState.LastFollowed)), StateChanges.Name(nameof(ScopeState.Arrivals)), StateChanges.Name(nameof(ScopeState.Fired)),
        StateChanges.Name(nameof(ScopeState.WaitingJoins)), StateChanges.Name(nameof(ScopeState.BackwardRuns)),
    ];

    /// <summary>Sets the parts of <paramref name="scope"/> (at <paramref name="pointer"/>) that differ from <paramref name="saved"/>; true when any did.</summary>
    public static bool Write(StatePartsChanges changes, string pointer, ScopeState scope, ScopeState saved)
    {
        var p = Properties;
        var changed = Value(changes, pointer, p[0], scope.IsComposite, saved.IsComposite);
        changed |= Value(changes, pointer, p[1], scope.OwnerNodeId, saved.OwnerNodeId);
        changed |= Value(changes, pointer, p[2], scope.ParentScopeId, saved.ParentScopeId);
        changed |= Map(changes, pointer + "/" + p[3], scope.Visits, saved.Visits, Number);
        changed |= List(changes, pointer, p[4], scope.Skipped, saved.Skipped);
        changed |= Map(changes, pointer + "/" + p[5], scope.ConnectionVisits, saved.ConnectionVisits, Number);
        changed |= Map(changes, pointer + "/" + p[6], scope.LastFollowed, saved.LastFollowed, Boolean);
        changed |= Map(changes, pointer + "/" + p[7], scope.Arrivals, saved.Arrivals, Number);
        changed |= Map(changes, pointer + "/" + p[8], scope.Fired, saved.Fired, Number);
        changed |= List(changes, pointer, p[9], scope.WaitingJoins, saved.WaitingJoins);
        changed |= List(changes, pointer, p[10], scope.BackwardRuns, saved.BackwardRuns);
        return changed;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Boolean(bool value) => value ? "true" : "false";

    private static bool Value<T>(StatePartsChanges changes, string pointer, string name, T value, T saved)
    {
        if (EqualityComparer<T>.Default.Equals(value, saved)) return false;
        changes.Set(pointer + "/" + name, JsonSerializer.Serialize(value, Options));
        return true;
    }

    private static bool List(StatePartsChanges changes, string pointer, string name, List<string> value, List<string> saved)
    {
        if (value.SequenceEqual(saved, StringComparer.Ordinal)) return false;
        changes.Set(pointer + "/" + name, JsonSerializer.Serialize(value, Options));
        return true;
    }

    /// <summary>
    /// A map of counters: an empty map is one part (<c>{}</c>); otherwise one part per key. Only keys whose value differs
    /// from <paramref name="saved"/>, and keys gone from it, are written.
    /// </summary>
    private static bool Map<T>(StatePartsChanges changes, string pointer, Dictionary<string, T> value, Dictionary<string, T> saved, Func<T, string> json)
        where T : struct, IEquatable<T>
    {
        if (value.Count == 0)
        {
            if (saved.Count == 0) return false;
            changes.Set(pointer, "{}");
            foreach (var key in saved.Keys) changes.Remove(pointer + "/" + StateParts.Escape(key));
            return true;
        }

        var changed = false;
        if (saved.Count == 0)
        {
            changes.Remove(pointer);
            changed = true;
        }
        var found = 0;
        foreach (var (key, v) in value)
        {
            if (saved.TryGetValue(key, out var before))
            {
                found++;
                if (v.Equals(before)) continue;
            }
            changes.Set(pointer + "/" + StateParts.Escape(key), json(v));
            changed = true;
        }
        if (found < saved.Count)
        {
            foreach (var key in saved.Keys)
            {
                if (!value.ContainsKey(key)) changes.Remove(pointer + "/" + StateParts.Escape(key));
            }
            changed = true;
        }
        return changed;
    }
}
