using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Tests.Queueing;

/// <summary>Test data for the queue's Host tests: ID numbers, appointments as booking stores them, kiosk requests.</summary>
internal static class QueueHostData
{
    /// <summary>A valid ID-card number, distinct for each <paramref name="n"/>.</summary>
    public static string IdNumber(int n, string born = "19900307")
    {
        var first17 = $"{110101 + n / 1000:D6}{born}{n % 1000:D3}";
        return first17 + IdCardNumber.CheckCharacter(first17);
    }

    /// <summary>An appointment of <paramref name="idNumber"/> on the host's day (Friday 26 September 2025) for the 10:00–10:30 slot.</summary>
    public static Task<string> AppointmentAsync(HostFactory host, string hall, string category, string idNumber) =>
        AppointmentAsync(host.Services, hall, category, idNumber, HostFactory.Start);

    /// <summary>An appointment as booking stores it (booking is tested with the appointments), for the half hour from <paramref name="slotStart"/>.</summary>
    public static async Task<string> AppointmentAsync(IServiceProvider services, string hall, string category, string idNumber, Instant slotStart)
    {
        var hash = await services.GetRequiredService<IdentityHasher>().HashIdentityAsync(idNumber);
        await using var db = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var appointment = new Appointment
        {
            Id = Guid.NewGuid().ToString("N"), Hall = hall, Category = category,
            Day = slotStart.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            SlotStart = slotStart, SlotEnd = slotStart + Duration.FromMinutes(30), IdentityHash = hash, DisplayName = "张*", Mobile = "138****5678",
            State = AppointmentState.Booked, CreatedAt = slotStart - Duration.FromDays(1),
        };
        db.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    public static Task<HttpResponseMessage> WalkInAsync(HttpClient client, string hall, string category, string idNumber, string? projectCode = null) =>
        client.PostAsJsonAsync($"/api/queue/halls/{hall}/walk-ins", new { category, idNumber, projectCode });

    public static Task<HttpResponseMessage> CheckInAsync(HttpClient client, string hall, string category, string idNumber) =>
        client.PostAsJsonAsync($"/api/queue/halls/{hall}/check-ins", new { category, idNumber });

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
