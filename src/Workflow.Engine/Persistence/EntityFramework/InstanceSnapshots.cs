namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// What the store last read or wrote of each running instance (<see cref="StoredStateParts"/>: row version, state parts,
/// bookmarks, the state object and the bookmark objects), kept in the process so that the next load of the instance
/// does not read, parse and assemble its state parts and bookmarks again (issue #16, "constant cost per step": at
/// K = 300 that was most of what a resume cost beyond K = 6; docs/persistence.md, *The snapshot of the last save*).
/// </summary>
/// <remarks>
/// A snapshot is used only when the row read in the same statement is at the snapshot's version (and was created at the
/// same instant): every write of a state part or a bookmark bumps the version in its transaction, so a snapshot can only be
/// outdated by a write that the load then sees — another process's save, a delete. The cache is bounded by an estimate
/// of its size (<see cref="MaxWeight"/>, the parts' JSON characters) and by <see cref="MaxEntries"/>; beyond either, an
/// arbitrary half is dropped (a dropped instance loads from the tables, as without the cache). Finished instances are
/// not kept.
/// </remarks>
internal sealed class InstanceSnapshots
{
    /// <summary>At most this many instances are kept.</summary>
    public const int MaxEntries = 20_000;

    /// <summary>At most this many characters of state-part JSON are kept (the objects built from them weigh a few times more).</summary>
    public const long MaxWeight = 16L * 1024 * 1024;

    // A plain dictionary under a lock: one Keep per save and one Find per load, never held across I/O.
    private readonly Dictionary<string, StoredStateParts> _byInstance = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _weight;

    /// <summary>How many instances are kept now (for tests).</summary>
    public int Count { get { lock (_lock) return _byInstance.Count; } }

    /// <summary>The snapshot kept for <paramref name="instanceId"/>, or null.</summary>
    public StoredStateParts? Find(string instanceId)
    {
        lock (_lock) return _byInstance.GetValueOrDefault(instanceId);
    }

    /// <summary>Keeps <paramref name="snapshot"/> as what is stored of <paramref name="instanceId"/>, replacing an older one.</summary>
    public void Keep(string instanceId, StoredStateParts snapshot)
    {
        // Computed (once per snapshot) before the lock: it walks every part.
        var weight = snapshot.Weight;
        lock (_lock)
        {
            // A load that read an older version than a save kept meanwhile must not replace the newer snapshot.
            if (_byInstance.TryGetValue(instanceId, out var current) && current.Version > snapshot.Version && current.Row?.CreatedAt == snapshot.Row?.CreatedAt) return;
            Remove(instanceId);
            // One instance bigger than a quarter of the budget would push every other out: it loads from the tables.
            if (weight > MaxWeight / 4) return;
            if (_byInstance.Count >= MaxEntries || _weight + weight > MaxWeight) DropHalf();
            _byInstance[instanceId] = snapshot;
            _weight += weight;
        }
    }

    /// <summary>Forgets <paramref name="instanceId"/> (deleted, finished, or its save failed in a way that leaves the stored state unknown).</summary>
    public void Forget(string instanceId)
    {
        lock (_lock) Remove(instanceId);
    }

    private void Remove(string instanceId)
    {
        if (_byInstance.Remove(instanceId, out var old)) _weight -= old.Weight;
    }

    private void DropHalf()
    {
        foreach (var id in _byInstance.Keys.Take(_byInstance.Count / 2 + 1).ToList()) Remove(id);
    }
}
