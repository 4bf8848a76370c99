using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Definitions.Audit;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Web.Audit;

/// <summary>
/// The definition store with publishing, retracting and deleting on the audit trail. The engine's definition store has
/// no save participants, so the entry is appended right after the store committed, in a transaction of its own
/// (docs/audit.md, "Definition publishes": the one kind of entry that is not in its change's transaction).
/// </summary>
public sealed class AuditedDefinitionStore(IWorkflowDefinitionStore inner, AuditTrail audit) : IWorkflowDefinitionStore
{
    /// <summary>Wraps the registered <see cref="EfWorkflowDefinitionStore"/>.</summary>
    public static IServiceCollection Decorate(IServiceCollection services)
    {
        services.RemoveAll<IWorkflowDefinitionStore>();
        services.TryAddSingleton<EfWorkflowDefinitionStore>();
        services.AddSingleton<IWorkflowDefinitionStore>(sp => new AuditedDefinitionStore(sp.GetRequiredService<EfWorkflowDefinitionStore>(), sp.GetRequiredService<AuditTrail>()));
        return services;
    }

    public Task<StoredDefinition?> FindAsync(string definitionId, VersionSelector selector, int? version = null, CancellationToken cancellationToken = default) =>
        inner.FindAsync(definitionId, selector, version, cancellationToken);

    public Task<StoredDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken = default) => inner.FindByIdAsync(id, cancellationToken);

    public Task<long?> FindPublishedStampAsync(string id, CancellationToken cancellationToken = default) => inner.FindPublishedStampAsync(id, cancellationToken);

    public Task<IReadOnlyList<StoredDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default) =>
        inner.ListVersionsAsync(definitionId, cancellationToken);

    public Task<(IReadOnlyList<StoredDefinition> Items, int TotalCount)> ListLatestAsync(string? searchTerm, int skip, int take, CancellationToken cancellationToken = default) =>
        inner.ListLatestAsync(searchTerm, skip, take, cancellationToken);

    public async Task<StoredDefinition> SaveAsync(string definitionId, string name, string? description, string json, bool publish, CancellationToken cancellationToken = default)
    {
        var before = publish ? await inner.FindAsync(definitionId, VersionSelector.Published, null, cancellationToken) : null;
        var saved = await inner.SaveAsync(definitionId, name, description, json, publish, cancellationToken);
        if (publish && saved.IsPublished)
            await audit.AppendAsync(new AuditFact("definition.published", Before: before is null ? null : $"{definitionId} v{before.Version}", After: $"{definitionId} v{saved.Version}"), cancellationToken);
        return saved;
    }

    public async Task<StoredDefinition?> PublishAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var before = await inner.FindAsync(definitionId, VersionSelector.Published, null, cancellationToken);
        var published = await inner.PublishAsync(definitionId, cancellationToken);
        if (published is not null && before?.Id != published.Id)
            await audit.AppendAsync(new AuditFact("definition.published", Before: before is null ? null : $"{definitionId} v{before.Version}", After: $"{definitionId} v{published.Version}"), cancellationToken);
        return published;
    }

    public async Task<StoredDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var retracted = await inner.RetractAsync(definitionId, cancellationToken);
        if (retracted is not null)
            await audit.AppendAsync(new AuditFact("definition.retracted", Before: $"{definitionId} v{retracted.Version}"), cancellationToken);
        return retracted;
    }

    public async Task<bool> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var deleted = await inner.DeleteAsync(definitionId, cancellationToken);
        if (deleted) await audit.AppendAsync(new AuditFact("definition.deleted", Before: definitionId), cancellationToken);
        return deleted;
    }

    public async Task<bool> DeleteVersionAsync(string versionId, CancellationToken cancellationToken = default)
    {
        var deleted = await inner.DeleteVersionAsync(versionId, cancellationToken);
        if (deleted) await audit.AppendAsync(new AuditFact("definition.version-deleted", Before: versionId), cancellationToken);
        return deleted;
    }
}
