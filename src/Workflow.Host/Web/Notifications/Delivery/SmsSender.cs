namespace Workflow.Host.Web.Notifications.Delivery;

/// <summary>
/// Where a jurisdiction plugs in its SMS gateway (docs/notifications.md, SMS): register another implementation of this
/// interface. The shipped one only logs.
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="ISmsSender"/>: writes the message to the log instead of sending it.</summary>
public sealed class LoggingSmsSender(ILogger<LoggingSmsSender> logger) : ISmsSender
{
    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken = default)
    {
        logger.LogInformation("SMS (not sent: no gateway configured) to {Phone}: {Text}", phoneNumber, text);
        return Task.CompletedTask;
    }
}
