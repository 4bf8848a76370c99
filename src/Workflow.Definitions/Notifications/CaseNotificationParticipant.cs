using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Notifications;

/// <summary>
/// Stages the notifications one save of a case tells its agent (<see cref="CaseNotifications"/>), and their e-mails, in the
/// save's transaction (docs/notifications.md): a notification exists exactly when what it tells of was committed, and
/// the desks, activities and timers need not remember to notify. Registered after the projection, whose tracked rows give
/// the state before the save without a query; a save that tells nothing costs nothing.
/// </summary>
public sealed class CaseNotificationParticipant(IClock clock) : IWorkflowSaveParticipant
{
    /// <inheritdoc />
    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        if (SavedCaseFile.Of(context) is not { Agent.Length: > 0 } file) return;
        var (before, steps) = await CaseRowsBefore.ReadAsync(context.DbContext, file.CaseId, cancellationToken);
        var now = clock.GetCurrentInstant();
        foreach (var e in CaseNotifications.Between(before, steps, file))
            await NotificationCentre.StageAsync(context.DbContext, e.Kind, [NotificationAudience.Agent(file.Agent)], file.CaseId, e.StepId,
                file.CaseNumber is { } number ? new Dictionary<string, string>(e.Data) { [NotificationCentre.CaseNumberKey] = number } : e.Data, now, cancellationToken);
    }

    /// <inheritdoc />
    public Task OnSavedAsync(WorkflowSaveContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
