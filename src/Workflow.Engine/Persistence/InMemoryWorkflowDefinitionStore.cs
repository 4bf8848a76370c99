using NodaTime;

using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence;

/// <summary>
/// Definitions in memory, with the versioning rules of <see cref="IWorkflowDefinitionStore"/>: saving while the latest
/// version is published creates version v+1 as a draft, saving a draft updates it, publishing publishes the saved
/// version and unpublishes the one before.
/// </summary>
public sealed class InMemoryWorkflowDefinitionStore(IClock clock, ParsedDefinitionCache? parsed = null) : IWorkflowDefinitionStore
{
    private readonly object _lock = new();
    private readonly List<StoredDefinition> _versions = [];

    /// <inheritdoc />
    public Task<StoredDefinition?> FindAsync(string definitionId, VersionSelector selector, int? version = null, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var all = _versions.Where(v => v.DefinitionId == definitionId).OrderByDescending(v => v.Version);
            var found = selector switch
            {
                VersionSelector.Latest => all.FirstOrDefault(v => v.IsLatest),
                VersionSelector.Published => all.FirstOrDefault(v => v.IsPublished),
                VersionSelector.LatestOrPublished => all.FirstOrDefault(v => v.IsPublished) ?? all.FirstOrDefault(v => v.IsLatest),
                VersionSelector.Specific => all.FirstOrDefault(v => v.Version == version),
                _ => all.FirstOrDefault(),
            };
            return Task.FromResult(found);
        }
    }

    /// <inheritdoc />
    public Task<StoredDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult(_versions.FirstOrDefault(v => v.Id == id));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<StoredDefinition>>(_versions.Where(v => v.DefinitionId == definitionId).OrderBy(v => v.Version).ToList());
    }

    /// <inheritdoc />
    public Task<(IReadOnlyList<StoredDefinition> Items, int TotalCount)> ListLatestAsync(string? searchTerm, int skip, int take, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var latest = _versions.Where(v => v.IsLatest)
                .Where(v => string.IsNullOrEmpty(searchTerm) || v.Name.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) || v.DefinitionId.Contains(searchTerm, StringComparison.OrdinalIgnoreCase))
                .OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
            return Task.FromResult<(IReadOnlyList<StoredDefinition>, int)>((latest.Skip(skip).Take(take).ToList(), latest.Count));
        }
    }

    /// <inheritdoc />
    public Task<StoredDefinition> SaveAsync(string definitionId, string name, string? description, string json, bool publish, CancellationToken cancellationToken = default)
    {
        parsed?.Forget(definitionId);
        lock (_lock)
        {
            var latest = _versions.FirstOrDefault(v => v.DefinitionId == definitionId && v.IsLatest);
            StoredDefinition saved;
            if (latest is not null && !latest.IsPublished)
            {
                saved = latest with { Name = name, Description = description, Json = json, RowVersion = latest.RowVersion + 1 };
                _versions[_versions.IndexOf(latest)] = saved;
            }
            else
            {
                if (latest is not null) _versions[_versions.IndexOf(latest)] = latest with { IsLatest = false };
                saved = new StoredDefinition(Guid.NewGuid().ToString("N"), definitionId, (latest?.Version ?? 0) + 1, name, description, true, false, json, clock.GetCurrentInstant(), 1);
                _versions.Add(saved);
            }
            if (publish)
            {
                for (var i = 0; i < _versions.Count; i++)
                    if (_versions[i].DefinitionId == definitionId && _versions[i].IsPublished)
                        _versions[i] = _versions[i] with { IsPublished = false };
                saved = saved with { IsPublished = true };
                _versions[_versions.FindIndex(v => v.Id == saved.Id)] = saved;
            }
            return Task.FromResult(saved);
        }
    }

    /// <inheritdoc />
    public Task<StoredDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        parsed?.Forget(definitionId);
        lock (_lock)
        {
            var index = _versions.FindIndex(v => v.DefinitionId == definitionId && v.IsPublished);
            if (index < 0) return Task.FromResult<StoredDefinition?>(null);
            _versions[index] = _versions[index] with { IsPublished = false };
            return Task.FromResult<StoredDefinition?>(_versions[index]);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        parsed?.Forget(definitionId);
        lock (_lock)
            return Task.FromResult(_versions.RemoveAll(v => v.DefinitionId == definitionId) > 0);
    }

    /// <inheritdoc />
    public Task<bool> DeleteVersionAsync(string versionId, CancellationToken cancellationToken = default)
    {
        parsed?.ForgetVersion(versionId);
        lock (_lock)
        {
            var doomed = _versions.Find(v => v.Id == versionId);
            if (doomed is null) return Task.FromResult(false);
            _versions.Remove(doomed);
            if (doomed.IsLatest && _versions.Where(v => v.DefinitionId == doomed.DefinitionId).MaxBy(v => v.Version) is { } next)
                _versions[_versions.IndexOf(next)] = next with { IsLatest = true };
            return Task.FromResult(true);
        }
    }
}
