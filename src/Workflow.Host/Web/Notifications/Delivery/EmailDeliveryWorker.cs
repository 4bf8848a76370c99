using Microsoft.Extensions.Options;

namespace Workflow.Host.Web.Notifications.Delivery;

/// <summary>
/// The background worker that empties the e-mail outbox every <see cref="SmtpOptions.PollSeconds"/>; every host runs one
/// (the claims keep them apart). With <c>Notifications:Smtp:Enabled</c> off it says so once and does nothing.
/// </summary>
public sealed class EmailDeliveryWorker(EmailDelivery delivery, IOptions<SmtpOptions> options, ILogger<EmailDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var smtp = options.Value;
        if (!smtp.Enabled)
        {
            logger.LogInformation("E-mail notifications are off (Notifications:Smtp:Enabled is not true): notifications are in-app only, and e-mails users chose wait in the outbox.");
            return;
        }
        logger.LogInformation("E-mail notifications go to {Host}:{Port} every {Seconds} s.", smtp.Host, smtp.Port, smtp.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await delivery.DeliverDueAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { logger.LogError(e, "The e-mail outbox could not be read; trying again."); }
            try { await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, smtp.PollSeconds)), stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
