using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Appointments;

/// <summary>The check-in the queue side calls (docs/appointments.md, *Check-in*): only the booked ID number checks in, once.</summary>
public class CheckInTests
{
    private const string Holder = "11010519491231002X";
    private const string Other = "110101199003074477";

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Only_the_booked_ID_number_checks_in_and_only_once(string provider)
    {
        // Tuesday 1 December 2026, 09:10 in Shanghai; the appointment is for the 09:30–10:00 slot of the main hall.
        await using var host = await StartAsync(provider, "2026-12-01T09:10:00+08:00");
        await host.Services.GetRequiredService<HallDirectory>().EnsureAsync(HallSetup.Sample());
        var id = await AddAsync(host, "2026-12-01T09:30:00+08:00", "2026-12-01T10:00:00+08:00");
        var checkIn = host.Services.GetRequiredService<AppointmentCheckIn>();

        await Rule(() => checkIn.CheckInByIdAsync(id, Other), "idNumber", RuleCodes.AppointmentIdentityMismatch);
        await Rule(() => checkIn.CheckInAsync("HQ", "PERMIT", Other), "idNumber", RuleCodes.AppointmentCheckInNone);
        await Rule(() => checkIn.CheckInAsync("HQ", "ESTATE", Holder), "idNumber", RuleCodes.AppointmentCheckInNone);
        await Rule(() => checkIn.CheckInAsync("HQ", "PERMIT", "51340119900101001X"), "idNumber", RuleCodes.AppointmentIdNumberChecksum);

        var done = await checkIn.CheckInAsync("HQ", "PERMIT", Holder.ToLowerInvariant());

        done.Should().BeEquivalentTo(new { Id = id, State = AppointmentState.CheckedIn, CheckedInAt = (NodaTime.Instant?)At("2026-12-01T09:10:00+08:00") });
        (await FluentActions.Awaiting(() => checkIn.CheckInByIdAsync(id, Holder)).Should().ThrowAsync<StepConflictException>())
            .Which.Reason.Code.Should().Be(RuleCodes.AppointmentStateConflict);
    }

    [Fact]
    public async Task Check_in_opens_an_hour_before_the_slot()
    {
        await using var host = await StartAsync("sqlite", "2026-12-01T08:20:00+08:00");
        await host.Services.GetRequiredService<HallDirectory>().EnsureAsync(HallSetup.Sample());
        var id = await AddAsync(host, "2026-12-01T09:30:00+08:00", "2026-12-01T10:00:00+08:00");

        (await FluentActions.Awaiting(() => host.Services.GetRequiredService<AppointmentCheckIn>().CheckInByIdAsync(id, Holder)).Should().ThrowAsync<StepConflictException>())
            .Which.Reason.Should().BeEquivalentTo(new RuleMessage(RuleCodes.AppointmentCheckInEarly, "08:30"));
    }

    /// <summary>An appointment as booking writes it (booking itself is tested in BookingTests).</summary>
    internal static async Task<string> AddAsync(PermitTestHost host, string start, string end, string idNumber = Holder, string category = "PERMIT")
    {
        var hash = await host.Services.GetRequiredService<IdentityHasher>().HashIdentityAsync(idNumber);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var appointment = new Appointment
        {
            Id = Guid.NewGuid().ToString("N"), Hall = "HQ", Category = category, Day = start[..10], SlotStart = At(start), SlotEnd = At(end),
            IdentityHash = hash, DisplayName = "张*", Mobile = "138****5678", State = AppointmentState.Booked, CreatedAt = host.Clock.GetCurrentInstant(),
        };
        db.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    private static async Task Rule(Func<Task> act, string field, string code) =>
        (await act.Should().ThrowAsync<PermitRuleViolation>()).Which.Errors[field].Select(m => m.Code).Should().Equal(code);
}
