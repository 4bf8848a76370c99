using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using Workflow.Definitions.NotificationDelivery;

namespace Workflow.Host.Web.Notifications.Delivery;

/// <summary>
/// One pass of a delivery worker (docs/notifications.md, E-mail): claims the due messages (<see cref="EmailOutbox.ClaimDueAsync"/>,
/// so two workers, in one host or several, never take the same message), sends each over SMTP with MailKit and marks it
/// sent, or failed (retried after the outbox's backoff, given up after its last attempt).
/// </summary>
public sealed class EmailDelivery(EmailOutbox outbox, EmailComposer composer, IOptions<SmtpOptions> options, ILogger<EmailDelivery> logger)
{
    /// <summary>Delivers the messages due now; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        var smtp = options.Value;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await outbox.ClaimDueAsync(Math.Max(1, smtp.BatchSize), cancellationToken);
            foreach (var message in batch)
            {
                try
                {
                    await SendAsync(message, smtp, cancellationToken);
                    await outbox.MarkSentAsync(message.Id, CancellationToken.None);
                    sent++;
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning("E-mail {Id} ({Kind}) to {Reader} failed (attempt {Attempt}): {Error}", message.Id, message.Kind, message.Reader, message.Attempts + 1, e.Message);
                    await outbox.MarkFailedAsync(message, $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
                }
            }
            if (batch.Count < Math.Max(1, smtp.BatchSize)) break;
        }
        return sent;
    }

    private async Task SendAsync(OutboxMessageRow message, SmtpOptions smtp, CancellationToken cancellationToken)
    {
        var mail = composer.Compose(message);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
