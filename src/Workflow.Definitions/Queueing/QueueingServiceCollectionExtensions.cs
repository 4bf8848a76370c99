using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Queueing;

/// <summary>Registers the queue (docs/queueing.md).</summary>
public static class QueueingServiceCollectionExtensions
{
    /// <summary>The queue's tables, desk, board, the displays' live feed and figures; the halls and check-in are the appointments' (<see cref="Appointments.AppointmentServiceCollectionExtensions.AddAppointments"/>).</summary>
    public static IServiceCollection AddQueueing(this IServiceCollection services)
    {
        services.AddWorkflowPersistenceModule<QueuePersistenceModule>();
        services.TryAddSingleton<QueueOptions>();
        services.TryAddSingleton<QueueDesk>();
        services.TryAddSingleton<QueueBoard>();
        services.TryAddSingleton<HallBoardFeed>();
        services.TryAddSingleton<QueueFigures>();
        return services;
    }
}
