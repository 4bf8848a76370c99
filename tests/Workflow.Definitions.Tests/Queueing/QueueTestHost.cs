using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Definitions.Queueing;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Queueing;

/// <summary>A permit host with the demo halls (HQ, GX, BJ; categories PERMIT = A, ESTATE = B, BUSINESS = C, SOCIAL = D, HELP = E) and the queue's services.</summary>
internal static class QueueTestHost
{
    public static async Task<PermitTestHost> StartAsync(string provider, string now)
    {
        var host = await PermitTestHost.StartAsync(provider, now);
        await host.Services.GetRequiredService<HallDirectory>().EnsureAsync(HallSetup.Sample());
        return host;
    }

    public static QueueDesk Desk(this PermitTestHost host) => host.Services.GetRequiredService<QueueDesk>();

    public static QueueBoard Board(this PermitTestHost host) => host.Services.GetRequiredService<QueueBoard>();

    /// <summary>A valid ID-card number, distinct for each <paramref name="n"/> (0–999 999), born on <paramref name="born"/> (yyyyMMdd).</summary>
    public static string IdNumber(int n, string born = "19900307")
    {
        var first17 = $"{110101 + n / 1000:D6}{born}{n % 1000:D3}";
        return first17 + IdCardNumber.CheckCharacter(first17);
    }

    /// <summary>An appointment as booking writes it (booking is tested with the appointments), for the slot <paramref name="start"/>–<paramref name="end"/>.</summary>
    public static async Task<string> AppointmentAsync(this PermitTestHost host, string hall, string category, string start, string end, string idNumber)
    {
        var hash = await host.Services.GetRequiredService<IdentityHasher>().HashIdentityAsync(idNumber);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var appointment = new Appointment
        {
            Id = Guid.NewGuid().ToString("N"), Hall = hall, Category = category, Day = start[..10], SlotStart = At(start), SlotEnd = At(end),
            IdentityHash = hash, DisplayName = "张*", Mobile = "138****5678", State = AppointmentState.Booked, CreatedAt = host.Clock.GetCurrentInstant(),
        };
        db.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    public static Task<QueueTicketRow> WalkInAsync(this PermitTestHost host, string hall, string category, string idNumber, string? project = null, bool disabled = false) =>
        host.Desk().WalkInAsync(new TicketRequest(hall, category, idNumber, project, disabled));

    public static async Task<QueueTicketRow> CheckInAsync(this PermitTestHost host, string hall, string category, string idNumber, string? project = null) =>
        (await host.Desk().CheckInAsync(new TicketRequest(hall, category, idNumber, project)))!;
}
