using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Scheduling;

namespace Workflow.Definitions.Appointments;

/// <summary>Registers appointments (docs/appointments.md); part of <see cref="PermitsServiceCollectionExtensions.AddPermits"/>.</summary>
public static class AppointmentServiceCollectionExtensions
{
    /// <summary>
    /// The <c>appt_</c> tables, the hall directory, check-in and the no-show sweep. The rules default to
    /// <see cref="AppointmentRules"/>' defaults and the identity key to one stored in the database, unless registered first.
    /// </summary>
    public static IServiceCollection AddAppointments(this IServiceCollection services)
    {
        services.AddWorkflowPersistenceModule<AppointmentPersistenceModule>();
        services.TryAddSingleton<AppointmentRules>();
        services.TryAddSingleton<IIdentityKeyProtector, PlainIdentityKeyProtector>();
        services.TryAddSingleton<IIdentityKeySource, StoredIdentityKey>();
        services.TryAddSingleton<IdentityHasher>();
        services.TryAddSingleton<HallDirectory>();
        services.TryAddSingleton<HallClock>();
        services.TryAddSingleton<AppointmentCheckIn>();
        services.TryAddSingleton<Slots.SlotPlanner>();
        services.TryAddSingleton<Booking.BookingDesk>();
        services.TryAddSingleton<Supervision.BookingSupervision>();
        services.TryAddSingleton<NoShowSweep>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISchedulerSweep, NoShowSweep>(sp => sp.GetRequiredService<NoShowSweep>()));
        return services;
    }
}
