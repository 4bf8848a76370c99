using System.Collections.Concurrent;
using Workflow.Engine.Model;
using Workflow.Engine.Persistence;

namespace Workflow.Engine.Runtime;

/// <summary>
/// Parsed published definitions by version id and row version, so that resuming an instance reads a small stamp
/// instead of reading and parsing its definition's JSON every time (docs/architecture.md, "Measured round trips").
/// A published version's JSON does not change while it stays published, but a version retracted, saved in place and
/// published again keeps its id — possibly on another host (docs/deployment.md, "Several hosts"): its row version
/// changes on each of those writes, so an entry is used only while the stored row version is the one it was parsed
/// from (<see cref="IWorkflowDefinitionStore.FindPublishedStampAsync"/>). The stores still forget a definition's
/// entries when they write it, which keeps the memory of retired versions bounded. Drafts are never cached.
/// </summary>
public sealed class ParsedDefinitionCache
{
    private readonly ConcurrentDictionary<string, (string DefinitionId, long Stamp, WorkflowDefinition Definition)> _byVersionId = new(StringComparer.Ordinal);

    /// <summary>The parsed definition of <paramref name="versionId"/> when it was parsed from the row version <paramref name="stamp"/>.</summary>
    public bool TryGet(string versionId, long stamp, out WorkflowDefinition definition)
    {
        if (_byVersionId.TryGetValue(versionId, out var entry) && entry.Stamp == stamp)
        {
            definition = entry.Definition;
            return true;
        }

        definition = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="definition"/> (parsed from <paramref name="stored"/>, under its row version) when that version is published.</summary>
    public void Add(StoredDefinition stored, WorkflowDefinition definition)
    {
        if (stored.IsPublished) _byVersionId[stored.Id] = (stored.DefinitionId, stored.RowVersion, definition);
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
