using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Definitions.NotificationDelivery;

namespace Workflow.Host.Web.Notifications.Delivery;

/// <summary>Registers e-mail delivery (<c>Notifications:Smtp:*</c>, docs/notifications.md) and the SMS seam.</summary>
public static class DeliverySetup
{
    public static IServiceCollection AddNotificationDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.TryAddSingleton(new EmailOutboxPolicy());
        services.TryAddSingleton<EmailComposer>();
        services.TryAddSingleton<EmailDelivery>();
        services.TryAddSingleton<ISmsSender, LoggingSmsSender>();
        services.AddHostedService<EmailDeliveryWorker>();
        return services;
    }
}
