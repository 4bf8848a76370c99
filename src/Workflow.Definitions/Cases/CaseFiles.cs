using NodaTime;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Cases;

/// <summary>
/// Where a case file lives: the <see cref="CaseFile.VariableName"/> variable of its workflow instance (the case id is the
/// instance id). The desks read it here and, for the changes made outside a running activity (materials supplied,
/// clocks recomputed), write it back here, retrying a bounded number of times when the instance changed meanwhile.
/// </summary>
public sealed class CaseFiles(IWorkflowInstanceStore instances, CalendarRegistry calendars, IClock clock)
{
    /// <summary>How often a direct case-file update is retried after a concurrent change of the instance.</summary>
    private const int MaxRetries = 5;

    /// <summary>The case file and its workflow instance, or null when there is no such case.</summary>
    public async Task<(CaseFile File, WorkflowInstance Instance)?> FindAsync(string caseId, CancellationToken cancellationToken = default) =>
        Of(await instances.FindAsync(caseId, cancellationToken));

    /// <summary>The calendar the case's clocks run on.</summary>
    public WorkingCalendar CalendarOf(CaseFile file) => calendars.Get(file.CalendarId);

    /// <summary>The case file an instance carries, or null when it carries none.</summary>
    public static CaseFile? FileOf(WorkflowInstance instance) => CaseFileJson.FromNode(instance.Variables[CaseFile.VariableName]);

    /// <summary>
    /// Applies <paramref name="change"/> to the case file outside any activity and saves the instance (no bookmark
    /// changes). <paramref name="change"/> answers false when there is nothing to save; it runs again on a fresh load
    /// after a concurrent change. Null when there is no such case.
    /// </summary>
    internal async Task<(CaseFile File, WorkflowInstance Instance)?> ChangeAsync(string caseId, Func<CaseFile, WorkflowInstance, Instant, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (Of(await instances.FindAsync(caseId, cancellationToken)) is not var (file, instance)) return null;
            var now = clock.GetCurrentInstant();
            if (!change(file, instance, now)) return (file, instance);
            instance.Variables[CaseFile.VariableName] = CaseFileJson.ToNode(file);
            instance.UpdatedAt = now;
            try
            {
                await instances.UpdateAsync(instance, [], null, cancellationToken);
                return (file, instance);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxRetries)
            {
            }
        }
    }

    // A designer's test run (IsTest) carries a case file but is no case (docs/studio.md "Test runs").
    private static (CaseFile File, WorkflowInstance Instance)? Of(WorkflowInstance? instance) =>
        instance is { IsTest: false } && FileOf(instance) is { } file ? (file, instance) : null;
}
