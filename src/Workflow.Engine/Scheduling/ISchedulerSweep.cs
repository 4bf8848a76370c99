namespace Workflow.Engine.Scheduling;

/// <summary>
/// Work the scheduler does on every sweep besides firing due timers (e.g. <see cref="ChildWorkflowSweep"/>). Register it
/// as a service (<c>TryAddEnumerable</c>). A sweep must be safe to run in several processes at once: whatever it resumes
/// is consumed by a version-checked write, so the second attempt finds it gone.
/// </summary>
public interface ISchedulerSweep
{
    /// <summary>Does the work once; returns how many bookmarks it resumed.</summary>
    Task<int> SweepAsync(CancellationToken cancellationToken);
}
