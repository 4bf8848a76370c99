namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// What one save changes in <c>wf_state_parts</c>: the parts as they will be stored (a copy of what is stored, changed),
/// and the rows to insert, update and delete. Parts new to the instance get the next ordinals in the order they are set,
/// which must be the state's document order (<c>StateParts.Assemble</c> rebuilds property order from it).
/// Found either from every part of the state (<see cref="All"/>) or from the parts a run touched
/// (<see cref="StateChanges"/>); both give the same result, and tests check that on every save
/// (<see cref="StateChanges.VerifyAgainstAllParts"/>).
/// </summary>
internal sealed class StatePartsChanges
{
    private readonly List<(string Pointer, int Ordinal, string Json)> _inserted = [];
    private readonly List<(string Pointer, string Json)> _updated = [];
    private readonly List<string> _deleted = [];

    public StatePartsChanges(Dictionary<string, (int Ordinal, string Json)> stored, int lastOrdinal)
    {
        Parts = new Dictionary<string, (int Ordinal, string Json)>(stored, StringComparer.Ordinal);
        LastOrdinal = lastOrdinal;
    }

    /// <summary>The parts as stored once the changes are written: pointer → (ordinal, JSON).</summary>
    public Dictionary<string, (int Ordinal, string Json)> Parts { get; }

    /// <summary>The greatest ordinal given so far (−1 when none).</summary>
    public int LastOrdinal { get; private set; }

    /// <summary>How many rows the changes write (inserted, updated, deleted).</summary>
    public int Count => _inserted.Count + _updated.Count + _deleted.Count;

    /// <summary>The part at <paramref name="pointer"/> is <paramref name="json"/>: inserted after the last ordinal when new, updated when different.</summary>
    public void Set(string pointer, string json)
    {
        if (Parts.TryGetValue(pointer, out var before))
        {
            if (before.Json == json) return;
            Parts[pointer] = (before.Ordinal, json);
            _updated.Add((pointer, json));
            return;
        }
        Parts[pointer] = (++LastOrdinal, json);
        _inserted.Add((pointer, LastOrdinal, json));
    }

    /// <summary>The part at <paramref name="pointer"/> is gone (nothing when there is none).</summary>
    public void Remove(string pointer)
    {
        if (Parts.Remove(pointer)) _deleted.Add(pointer);
    }

    /// <summary>The changes when every part of the state is known (<paramref name="parts"/>, in document order): what is not among them is deleted.</summary>
    public static StatePartsChanges All(Dictionary<string, (int Ordinal, string Json)> stored, int lastOrdinal, List<KeyValuePair<string, string>> parts)
    {
        var changes = new StatePartsChanges(stored, lastOrdinal);
        var present = new HashSet<string>(parts.Count, StringComparer.Ordinal);
        foreach (var (pointer, json) in parts)
        {
            present.Add(pointer);
            changes.Set(pointer, json);
        }
        foreach (var pointer in stored.Keys)
        {
            if (!present.Contains(pointer)) changes.Remove(pointer);
        }
        return changes;
    }

    /// <summary>Adds the statements that write the changes of instance <paramref name="instanceId"/>.</summary>
    public void WriteTo(SaveStatements statements, string instanceId)
    {
        foreach (var (pointer, ordinal, json) in _inserted)
            statements.Insert("wf_state_parts", "instance_id, pointer, ordinal, value", instanceId, pointer, ordinal, json);
        foreach (var (pointer, json) in _updated)
            statements.Add("UPDATE wf_state_parts SET value = {2} WHERE instance_id = {0} AND pointer = {1}", instanceId, pointer, json);
        statements.Delete("wf_state_parts", instanceId, "pointer", [.. _deleted]);
    }
}
