using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Queueing;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tests.Queueing;

/// <summary>Tickets at check-in and at the walk-in kiosk are bound to the holder's ID number (docs/queueing.md, *Numbering*).</summary>
public class QueueCheckInTests
{
    private const string Slot = "2026-12-01T09:30:00+08:00";
    private const string SlotEnd = "2026-12-01T10:00:00+08:00";

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Check_in_with_another_ID_number_than_the_appointments_is_refused(string provider)
    {
        await using var host = await QueueTestHost.StartAsync(provider, "2026-12-01T09:20:00+08:00");
        var holder = QueueTestHost.IdNumber(7);
        var stranger = QueueTestHost.IdNumber(8);
        var appointment = await host.AppointmentAsync("HQ", "PERMIT", Slot, SlotEnd, holder);

        await Refused(() => host.Desk().CheckInAsync(new TicketRequest("HQ", "PERMIT", stranger, AppointmentId: appointment)), RuleCodes.AppointmentIdentityMismatch);
        await Refused(() => host.Desk().CheckInAsync(new TicketRequest("HQ", "PERMIT", stranger)), RuleCodes.AppointmentCheckInNone);
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            (await db.Set<QueueTicketRow>().CountAsync()).Should().Be(0, "a refused check-in issues nothing");
            (await db.Set<Appointment>().SingleAsync()).State.Should().Be(AppointmentState.Booked);
        }

        var ticket = await host.Desk().CheckInAsync(new TicketRequest("HQ", "PERMIT", holder, AppointmentId: appointment));

        ticket!.Should().BeEquivalentTo(new { Number = "A001", Source = TicketSource.Appointment, AppointmentId = appointment, State = TicketState.Waiting,
            SlotStart = (NodaTime.Instant?)PermitTestHost.At(Slot), SlotEnd = (NodaTime.Instant?)PermitTestHost.At(SlotEnd) });
        ticket!.HolderKey.Should().NotContain(holder, "the ID number is kept only as a keyed hash");
        var again = await host.Desk().CheckInAsync(new TicketRequest("HQ", "PERMIT", holder));
        again!.Number.Should().Be("A001", "checking in again prints the same ticket");
    }

    [Fact]
    public async Task A_holder_gets_one_open_ticket_per_category_a_day_and_a_bad_ID_number_is_refused()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:20:00+08:00");
        var holder = QueueTestHost.IdNumber(3);
        (await host.WalkInAsync("HQ", "PERMIT", holder)).Number.Should().Be("A001");

        var second = await FluentActions.Awaiting(() => host.WalkInAsync("GX", "PERMIT", holder)).Should().ThrowAsync<QueueConflictException>();
        second.Which.Reason.Should().BeEquivalentTo(new RuleMessage(RuleCodes.QueueTicketOpen, "A001"));
        (await host.WalkInAsync("HQ", "ESTATE", holder)).Number.Should().Be("B001", "another category is another queue");

        var bad = await FluentActions.Awaiting(() => host.WalkInAsync("HQ", "PERMIT", holder[..17] + (holder[17] == '0' ? '1' : '0'))).Should().ThrowAsync<PermitRuleViolation>();
        bad.Which.Errors.Keys.Should().Equal("idNumber");
        var hall = await FluentActions.Awaiting(() => host.WalkInAsync("XX", "PERMIT", holder)).Should().ThrowAsync<PermitRuleViolation>();
        hall.Which.Errors["hall"].Single().Code.Should().Be(RuleCodes.QueueHallUnknown);
        var category = await FluentActions.Awaiting(() => host.WalkInAsync("GX", "SOCIAL", holder)).Should().ThrowAsync<PermitRuleViolation>();
        category.Which.Errors["category"].Single().Should().BeEquivalentTo(new RuleMessage(RuleCodes.QueueCategoryNotInHall, "SOCIAL", "GX"), "no window of GX serves SOCIAL");
    }

    private static async Task Refused(Func<Task> action, string code) =>
        (await action.Should().ThrowAsync<PermitRuleViolation>()).Which.Errors["idNumber"].Single().Code.Should().Be(code);
}
