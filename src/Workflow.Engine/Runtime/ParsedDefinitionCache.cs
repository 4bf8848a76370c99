using System.Collections.Concurrent;
using Workflow.Engine.Model;
using Workflow.Engine.Persistence;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Parsed published definitions by version id, so that resuming an instance does not read and parse its definition's
/// JSON every time (docs/architecture.md, "Measured round trips"). A published version is immutable (saving it again
/// makes version v+1), so an entry stays valid until the definition is written: the definition stores forget every
/// version of a definition they save, retract or delete (a retracted version becomes a draft that saves in place).
/// Drafts are never cached.
/// </summary>
public sealed class ParsedDefinitionCache
{
    private readonly ConcurrentDictionary<string, (string DefinitionId, WorkflowDefinition Definition)> _byVersionId = new(StringComparer.Ordinal);

    /// <summary>The parsed definition of <paramref name="versionId"/>, when it was published and parsed before.</summary>
    public bool TryGet(string versionId, out WorkflowDefinition definition)
    {
        var found = _byVersionId.TryGetValue(versionId, out var entry);
        definition = entry.Definition;
        return found;
    }

    /// <summary>Keeps <paramref name="definition"/> (parsed from <paramref name="stored"/>) when that version is published.</summary>
    public void Add(StoredDefinition stored, WorkflowDefinition definition)
    {
        if (stored.IsPublished) _byVersionId[stored.Id] = (stored.DefinitionId, definition);
    }

    /// <summary>Forgets every version of <paramref name="definitionId"/> (it was saved, retracted or deleted).</summary>
    public void Forget(string definitionId)
    {
        foreach (var (versionId, entry) in _byVersionId)
            if (entry.DefinitionId == definitionId) _byVersionId.TryRemove(versionId, out _);
    }

    /// <summary>Forgets one version (it was deleted).</summary>
    public void ForgetVersion(string versionId) => _byVersionId.TryRemove(versionId, out _);
}
