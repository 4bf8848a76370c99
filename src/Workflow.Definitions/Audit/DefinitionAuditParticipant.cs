using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Audit;

/// <summary>
/// Puts publishing, retracting and deleting a workflow definition on the audit trail, inside the definition store's own
/// transaction (docs/audit.md, "Definition publishes"): a publish and its entry commit or roll back together.
/// Saving a draft is not audited; it changes nothing that runs.
/// </summary>
internal sealed class DefinitionAuditParticipant(IClock clock) : IDefinitionChangeParticipant
{
    /// <inheritdoc />
    public Task OnChangingAsync(DefinitionChange change, WorkflowDbContext db, CancellationToken cancellationToken) =>
        AuditChain.AppendAsync(db, [FactOf(change)], clock.GetCurrentInstant(), AuditScope.Actor, cancellationToken);

    private static AuditFact FactOf(DefinitionChange change)
    {
        var id = change.DefinitionId;
        return change.Kind switch
        {
            DefinitionChangeKind.Published => new AuditFact("definition.published", Before: Name(id, change.Before), After: Name(id, change.After)),
            DefinitionChangeKind.Retracted => new AuditFact("definition.retracted", Before: Name(id, change.Before)),
            DefinitionChangeKind.Deleted => new AuditFact("definition.deleted", Before: change.Before is null ? id : Name(id, change.Before)),
            DefinitionChangeKind.VersionDeleted => new AuditFact("definition.version-deleted", Before: Name(id, change.Before)),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown definition change."),
        };
    }

    /// <summary>"stage-1 v3", as the entries have always named a version.</summary>
    private static string? Name(string definitionId, DefinitionVersionRef? version) => version is null ? null : $"{definitionId} v{version.Version}";
}
