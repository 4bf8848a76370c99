using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>What an <see cref="IWorkflowSaveParticipant"/> sees of one instance save.</summary>
/// <param name="Kind">Insert or update.</param>
/// <param name="Instance">The instance as it will be stored. Its <see cref="WorkflowInstance.Version"/> still holds the
/// expected (old) version; <paramref name="NewVersion"/> is what it becomes on commit. Do not change it, but in
/// <see cref="IWorkflowSaveParticipant.OnPreparingAsync"/>.</param>
/// <param name="NewVersion">The version the instance has once the transaction commits.</param>
/// <param name="Journal">The journal lines written by this save.</param>
/// <param name="Idempotency">The idempotency record written by this save, if any.</param>
/// <param name="DbContext">The context whose transaction is open; stage entities on it or run SQL through <c>Database</c>.</param>
public sealed record WorkflowSaveContext(
    WorkflowSaveKind Kind,
    WorkflowInstance Instance,
    long NewVersion,
    IReadOnlyList<JournalEntry> Journal,
    IdempotencyRecord? Idempotency,
    WorkflowDbContext DbContext);
