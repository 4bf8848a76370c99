namespace Workflow.Engine.Persistence;

/// <summary>Which version of a definition to pick, as Elsa's <c>versionOptions</c>.</summary>
public enum VersionSelector
{
    /// <summary>The latest version, draft or published.</summary>
    Latest,
    /// <summary>The published version; none when the definition is retracted or never published.</summary>
    Published,
    /// <summary>The published version when there is one, else the latest.</summary>
    LatestOrPublished,
    /// <summary>Any version: a single look-up gives the highest.</summary>
    AllVersions,
    /// <summary>The version whose number is given alongside.</summary>
    Specific,
}

/// <summary>
/// Definitions and their versions. Saving while the latest version is published creates version v+1 as a
/// draft; saving a draft updates it; publishing publishes the latest version and unpublishes the one before
/// (docs/persistence.md, Definitions: versioning). Instances pin a version id, so publishing never touches them.
/// </summary>
public interface IWorkflowDefinitionStore
{
    /// <summary>The version of <paramref name="definitionId"/> that <paramref name="selector"/> picks (<paramref name="version"/> is the number for <see cref="VersionSelector.Specific"/>), or null.</summary>
    Task<StoredDefinition?> FindAsync(string definitionId, VersionSelector selector, int? version = null, CancellationToken cancellationToken = default);
    /// <summary>
    /// The version <see cref="FindAsync"/> would find, without its JSON, name and description, or null: a start reads this
    /// and the whole row only when the parse it keeps is not of this row version (docs/architecture.md, "Measured round trips").
    /// </summary>
    async Task<DefinitionVersionStamp?> FindStampAsync(string definitionId, VersionSelector selector, int? version = null, CancellationToken cancellationToken = default) =>
        await FindAsync(definitionId, selector, version, cancellationToken) is { } stored ? DefinitionVersionStamp.Of(stored) : null;
    /// <summary>One version by its version id (Elsa's <c>id</c>), or null.</summary>
    Task<StoredDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken = default);
    /// <summary>
    /// The row version of version <paramref name="id"/> when it is published — a stamp that changes on every write of
    /// that version, on any host — or null when it is a draft or not stored. Cheaper than <see cref="FindByIdAsync"/>
    /// (no JSON): the runtime reads it on every resume to check the parse it keeps (<c>Runtime.ParsedDefinitionCache</c>).
    /// </summary>
    async Task<long?> FindPublishedStampAsync(string id, CancellationToken cancellationToken = default) =>
        await FindByIdAsync(id, cancellationToken) is { IsPublished: true } stored ? stored.RowVersion : null;
    /// <summary>Every version of <paramref name="definitionId"/>, oldest first; empty when there is none.</summary>
    Task<IReadOnlyList<StoredDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default);
    /// <summary>Latest version of every definition (filter by a search term on name or definition id).</summary>
    Task<(IReadOnlyList<StoredDefinition> Items, int TotalCount)> ListLatestAsync(string? searchTerm, int skip, int take, CancellationToken cancellationToken = default);
    /// <summary>Saves <paramref name="json"/> as the draft per the versioning rules, optionally publishing it; returns the stored version.</summary>
    Task<StoredDefinition> SaveAsync(string definitionId, string name, string? description, string json, bool publish, CancellationToken cancellationToken = default);
    /// <summary>
    /// Publishes the latest version under its own number and unpublishes the previously published one; returns
    /// the published version (unchanged when it was published already), or null when the definition does not exist.
    /// </summary>
    async Task<StoredDefinition?> PublishAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var latest = await FindAsync(definitionId, VersionSelector.Latest, null, cancellationToken);
        if (latest is null || latest.IsPublished)
        {
            return latest;
        }

        // Saving a draft updates it in place, so this publishes the latest draft without creating a version.
        return await SaveAsync(definitionId, latest.Name, latest.Description, latest.Json, publish: true, cancellationToken);
    }

    /// <summary>Unpublishes the published version; returns it, or null when none was published.</summary>
    Task<StoredDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default);
    /// <summary>Deletes every version; false when there was none.</summary>
    Task<bool> DeleteAsync(string definitionId, CancellationToken cancellationToken = default);
    /// <summary>
    /// Deletes one version (by its version id); when it was the latest, the highest remaining version becomes latest.
    /// False when no version has that id.
    /// </summary>
    Task<bool> DeleteVersionAsync(string versionId, CancellationToken cancellationToken = default);
}
