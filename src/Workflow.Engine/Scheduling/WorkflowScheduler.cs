using Microsoft.Extensions.Logging;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// The one place where timers fire: each sweep claims the bookmarks due by now (the injected clock) through
/// <see cref="IDueBookmarkClaimer"/>, earliest first, and fires each through the <see cref="IDueBookmarkHandler"/> of its
/// kind, or resumes it with no input. Timers missed while no process ran are due, so the first sweep after a start
/// catches up, firing each missed timer once. See docs/scheduling.md.
/// </summary>
/// <remarks>
/// Exactly once across processes: a claim is a lease, so two schedulers on one database never fire the same bookmark
/// at the same time; and firing consumes the bookmark in a version-checked write, so a bookmark whose lease ran out
/// while it was being fired cannot fire a second time (the second resume finds it gone).
/// </remarks>
public sealed class WorkflowScheduler
{
    /// <summary>A sweep stops after this many full batches (the next one goes on), so a flood cannot hold it forever.</summary>
    private const int MaxBatchesPerSweep = 100;

    private readonly IDueBookmarkClaimer _claimer;
    private readonly WorkflowRuntime _runtime;
    private readonly IReadOnlyDictionary<string, IDueBookmarkHandler> _handlers;
    private readonly IReadOnlyList<ISchedulerSweep> _sweeps;
    private readonly IClock _clock;
    private readonly WorkflowSchedulerOptions _options;
    private readonly ILogger<WorkflowScheduler>? _logger;

    /// <summary>Built by the service container; <paramref name="handlers"/> are keyed by the bookmark kind they fire (one per kind).</summary>
    public WorkflowScheduler(IDueBookmarkClaimer claimer, WorkflowRuntime runtime, IEnumerable<IDueBookmarkHandler> handlers, IEnumerable<ISchedulerSweep> sweeps,
        IClock clock, WorkflowEngineOptions options, ILogger<WorkflowScheduler>? logger = null)
    {
        _sweeps = sweeps.ToList();
        _claimer = claimer;
        _runtime = runtime;
        _clock = clock;
        _options = options.Scheduler;
        _logger = logger;
        var byKind = new Dictionary<string, IDueBookmarkHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
            if (!byKind.TryAdd(handler.Kind, handler))
                throw new InvalidOperationException($"Two due-bookmark handlers for kind '{handler.Kind}': {byKind[handler.Kind].GetType().Name} and {handler.GetType().Name}.");
        _handlers = byKind;
    }

    /// <summary>Names this scheduler's leases (machine, process and a random part, so two schedulers of one process differ).</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>One sweep: runs the other sweeps (<see cref="ISchedulerSweep"/>), then claims and fires every timer due by now.</summary>
    /// <returns>How many fired or were resumed (a bookmark found gone, or whose firing failed, does not count).</returns>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken = default)
    {
        // Sweeps first: a trigger's new instance waits on a bookmark due now, which the claims below fire in this sweep.
        var fired = 0;
        foreach (var sweep in _sweeps)
            fired += await sweep.SweepAsync(cancellationToken);
        for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
        {
            var due = await _claimer.ClaimDueAsync(Owner, _clock.GetCurrentInstant(), _options.Lease, _options.BatchSize, cancellationToken);
            foreach (var (instanceId, bookmark) in due)
                if (await FireAsync(instanceId, bookmark, cancellationToken))
                    fired++;
            if (due.Count < _options.BatchSize) break;
        }
        return fired;
    }

    private async Task<bool> FireAsync(string instanceId, Bookmark bookmark, CancellationToken cancellationToken)
    {
        try
        {
            if (_handlers.TryGetValue(bookmark.Kind, out var handler)) await handler.FireAsync(instanceId, bookmark, cancellationToken);
            else await _runtime.ResumeAsync(instanceId, bookmark.Id, null, null, cancellationToken);
            if (bookmark.ResumeAt is { } due)
                Diagnostics.WorkflowMetrics.TimerLag.Record((_clock.GetCurrentInstant() - due).TotalSeconds);
            return true;
        }
        catch (WorkflowRuntimeException e)
        {
            // Consumed by another path (an action, a cancellation, a scheduler whose lease ran out) since the claim.
            _logger?.LogDebug("Timer {Bookmark} of {Instance} was not fired: {Reason}", bookmark.Id, instanceId, e.Message);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The lease keeps the others off until it ends; then a sweep (here or elsewhere) tries again.
            _logger?.LogError(e, "Firing timer {Bookmark} ({Kind}) of {Instance} failed; it is tried again after its lease ({Lease}).",
                bookmark.Id, bookmark.Kind, instanceId, _options.Lease);
            return false;
        }
    }
}
