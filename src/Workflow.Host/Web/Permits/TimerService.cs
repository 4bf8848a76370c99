using Microsoft.Extensions.Options;
using Workflow.Definitions.Cases;

namespace Workflow.Host.Web.Permits;

/// <summary>Fires due timer bookmarks every <see cref="TimerOptions.IntervalSeconds"/>; a failed sweep is logged and retried next time.</summary>
public sealed class TimerService(PermitService permits, IOptions<TimerOptions> options, ILogger<TimerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.IntervalSeconds;
        if (interval <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(interval));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var fired = await permits.FireDueTimersAsync(stoppingToken);
                if (fired > 0) logger.LogInformation("Fired {Count} due timers.", fired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The timer sweep failed; it runs again in {Seconds} s.", interval);
            }
        }
    }
}
