namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Lets another module write its own rows in the same transaction as an instance save, e.g. the permit
/// domain projecting human steps from the instance's bookmarks into its step table. Called by
/// <see cref="IWorkflowInstanceStore.InsertAsync"/> and <see cref="IWorkflowInstanceStore.UpdateAsync"/>
/// after the engine's rows (instance, bookmarks, journal, idempotency record) are written and the version and
/// idempotency checks have passed, before the transaction commits. A refused save never reaches a participant.
/// </summary>
/// <remarks>
/// A participant either stages entities on <see cref="WorkflowSaveContext.DbContext"/> (its entity types must be
/// in the model through an <see cref="IWorkflowPersistenceModule"/>) or runs SQL through
/// <c>DbContext.Database</c>, which is already inside the transaction. Everything commits with the instance or
/// not at all: an exception thrown by a participant (or by saving what it staged) rolls back every row, the
/// engine's included, and reaches the caller of the store unchanged. Rows may reference <c>wf_instances.id</c>
/// by a foreign key: the instance row exists when the participant's rows are saved. A participant must not commit, roll back or open its own connection.
/// On SQLite the context is the group commit's save context, used by the next save once its change tracker is cleared:
/// a participant must not change the context's settings (tracking behaviour, command timeout) either.
/// </remarks>
public interface IWorkflowSaveParticipant
{
    /// <summary>Writes the participant's rows for this save, inside its transaction; throwing rolls the whole save back.</summary>
    Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Called inside the save's transaction <em>before</em> the instance row is written, the one moment a participant may
    /// change <see cref="WorkflowSaveContext.Instance"/> (its variables), e.g. to stamp a number drawn from a counter row
    /// updated through <c>DbContext.Database</c>, so that the number and the instance commit or roll back together. Only
    /// the variables: the bookmarks, the execution state and the journal were turned into statements before the save
    /// joined its transaction, and a change to them here would not be written.
    /// The version and idempotency checks have not run yet: a save refused later rolls the participant's SQL back, and
    /// the runtime's retry reloads the instance, so nothing stamped here outlives a refused save.
    /// </summary>
    Task OnPreparingAsync(WorkflowSaveContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Called after the save's transaction committed (never after a rollback), e.g. to forget what was written so that a
    /// retried or later save does not write it again. Must not throw: the save is done.
    /// </summary>
    Task OnSavedAsync(WorkflowSaveContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
