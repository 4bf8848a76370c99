namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Joins the transaction in which <see cref="EfWorkflowDefinitionStore"/> publishes, retracts or deletes a definition,
/// e.g. to append an audit entry that commits or rolls back with the change (docs/audit.md, "Definition publishes").
/// Registered in DI; the store calls every participant after it changed the rows and before it commits.
/// </summary>
public interface IDefinitionChangeParticipant
{
    /// <summary>Writes the participant's rows through <paramref name="db"/>, inside the change's transaction; throwing rolls the change back.</summary>
    Task OnChangingAsync(DefinitionChange change, WorkflowDbContext db, CancellationToken cancellationToken);
}

/// <summary>What a definition change did, as a participant sees it before the commit.</summary>
/// <param name="Kind">Published, retracted, deleted or one version deleted.</param>
/// <param name="DefinitionId">The definition (all versions share it).</param>
/// <param name="Before">The version published before the change, or for a deleted version the version removed; null when none.</param>
/// <param name="After">The version published by the change; null unless <paramref name="Kind"/> is <see cref="DefinitionChangeKind.Published"/>.</param>
public sealed record DefinitionChange(DefinitionChangeKind Kind, string DefinitionId, DefinitionVersionRef? Before, DefinitionVersionRef? After);

/// <summary>One version of a definition, named by its version id and number.</summary>
/// <param name="Id">The version id instances pin.</param>
/// <param name="Version">The version number, from 1.</param>
public sealed record DefinitionVersionRef(string Id, int Version);

/// <summary>The changes to a definition that participants are told about. Saving a draft is not one of them.</summary>
public enum DefinitionChangeKind
{
    /// <summary>A version became the published one (by a save with publish, or by publishing the latest draft).</summary>
    Published,

    /// <summary>The published version was unpublished; none is published now.</summary>
    Retracted,

    /// <summary>Every version of the definition was deleted.</summary>
    Deleted,

    /// <summary>One version was deleted.</summary>
    VersionDeleted,
}
