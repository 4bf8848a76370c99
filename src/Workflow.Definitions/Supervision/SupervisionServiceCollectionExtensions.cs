using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Definitions.Notifications;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Scheduling;

namespace Workflow.Definitions.Supervision;

/// <summary>Registers electronic supervision (docs/supervision.md) with the permit domain.</summary>
public static class SupervisionServiceCollectionExtensions
{
    /// <summary>Cards (their tables, timers kept by every save, fired by the engine's scheduler) and the notification centre.</summary>
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddWorkflowPersistenceModule<SupervisionPersistenceModule>();
        services.AddWorkflowPersistenceModule<NotificationPersistenceModule>();
        services.AddWorkflowSaveParticipant<CardTimerProjection>();
        services.AddWorkflowSaveParticipant<Returns.RepeatedReturnProjection>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISchedulerSweep, CardSweep>());
        services.TryAddSingleton<NotificationCentre>();
        // What happens to a case, told to its agent, and the e-mail outbox (docs/notifications.md).
        services.AddWorkflowPersistenceModule<NotificationDelivery.DeliveryPersistenceModule>();
        services.AddWorkflowSaveParticipant<CaseNotificationParticipant>();
        services.TryAddSingleton<NotificationDelivery.NotificationSettings>();
        services.TryAddSingleton<NotificationDelivery.EmailOutbox>();
        services.TryAddSingleton<Tracking.CardQueries>();
        services.TryAddSingleton<Tracking.SupervisionQueries>();
        services.TryAddSingleton<UrgingService>();
        services.AddWorkflowPersistenceModule<Feedback.FeedbackPersistenceModule>();
        services.TryAddSingleton<Feedback.FeedbackService>();
        return services;
    }
}
