using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// Runs <see cref="WorkflowScheduler.FireDueAsync"/> at start (catching up on what fell due while no process ran) and
/// then every <see cref="WorkflowSchedulerOptions.Interval"/>; a failed sweep is logged and the next one runs as usual.
/// Registered by <see cref="WorkflowEngineServiceCollectionExtensions.AddWorkflowEngine"/>; it runs wherever the
/// services are hosted (the web app), not in a bare service provider (the CLI).
/// </summary>
public sealed class WorkflowSchedulerService(WorkflowScheduler scheduler, WorkflowEngineOptions options, ILogger<WorkflowSchedulerService>? logger = null) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Scheduler.Interval;
        if (interval <= TimeSpan.Zero) return;
        await Task.Yield(); // let the host finish starting before the first sweep
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var fired = await scheduler.FireDueAsync(stoppingToken);
                if (fired > 0) logger?.LogInformation("Fired {Count} due timers.", fired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger?.LogError(e, "The timer sweep failed; it runs again in {Interval}.", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
