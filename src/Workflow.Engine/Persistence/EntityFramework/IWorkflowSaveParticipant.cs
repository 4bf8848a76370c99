namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Lets another module write its own rows in the same transaction as an instance save, e.g. the permit
/// domain projecting human steps from the instance's bookmarks into its step table. Called by
/// <see cref="IWorkflowInstanceStore.InsertAsync"/> and <see cref="IWorkflowInstanceStore.UpdateAsync"/>
/// after the engine's rows are staged and before anything is written.
/// </summary>
/// <remarks>
/// A participant either stages entities on <see cref="WorkflowSaveContext.DbContext"/> (its entity types must be
/// in the model through an <see cref="IWorkflowPersistenceModule"/>) or runs SQL through
/// <c>DbContext.Database</c>, which is already inside the transaction. Everything commits with the instance or
/// not at all: a stale version, a duplicate idempotency key or an exception thrown by a participant rolls back
/// every row, the participants' included. A participant must not commit, roll back or open its own connection.
/// </remarks>
public interface IWorkflowSaveParticipant
{
    Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken);
}
