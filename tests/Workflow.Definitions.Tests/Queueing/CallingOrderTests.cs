using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Queueing;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tests.Queueing;

/// <summary>The order windows call in, on an injected clock (docs/queueing.md, *Calling order*).</summary>
public class CallingOrderTests
{
    private static async Task<string> NextAsync(PermitTestHost host, string window = "1", string hall = "HQ")
    {
        var ticket = await host.Desk().CallNextAsync(hall, window, "frontdesk");
        ticket.Should().NotBeNull();
        await host.Desk().FinishAsync(ticket!.Id, hall, window);
        return ticket.Number;
    }

    [Fact]
    public async Task Appointments_within_their_slot_come_first_then_everyone_in_the_order_they_took_their_tickets()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:00:00+08:00");
        var early = QueueTestHost.IdNumber(1);
        var later = QueueTestHost.IdNumber(2);
        await host.AppointmentAsync("HQ", "PERMIT", "2026-12-01T09:30:00+08:00", "2026-12-01T10:00:00+08:00", early);
        await host.AppointmentAsync("HQ", "PERMIT", "2026-12-01T10:00:00+08:00", "2026-12-01T10:30:00+08:00", later);
        (await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(10))).Number.Should().Be("A001");
        host.SetClock("2026-12-01T09:05:00+08:00");
        (await host.CheckInAsync("HQ", "PERMIT", early)).Number.Should().Be("A002");
        host.SetClock("2026-12-01T09:10:00+08:00");
        (await host.CheckInAsync("HQ", "PERMIT", later)).Number.Should().Be("A003");
        (await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(11))).Number.Should().Be("A004");

        host.SetClock("2026-12-01T09:20:00+08:00");
        (await NextAsync(host)).Should().Be("A001", "before any slot runs, tickets are called as they were taken");
        host.SetClock("2026-12-01T09:40:00+08:00");
        (await NextAsync(host)).Should().Be("A002", "its 09:30 slot is running");
        (await NextAsync(host)).Should().Be("A003", "an appointment early for its slot waits in the order of its ticket, ahead of a later walk-in");
        (await NextAsync(host)).Should().Be("A004");
        (await host.Desk().CallNextAsync("HQ", "1", "frontdesk")).Should().BeNull("nobody is waiting");
    }

    [Fact]
    public async Task An_appointment_in_its_slot_goes_before_earlier_walk_ins()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:50:00+08:00");
        var booked = QueueTestHost.IdNumber(1);
        await host.AppointmentAsync("HQ", "PERMIT", "2026-12-01T10:00:00+08:00", "2026-12-01T10:30:00+08:00", booked);
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(10));
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(11));
        await host.CheckInAsync("HQ", "PERMIT", booked);

        host.SetClock("2026-12-01T10:01:00+08:00");
        (await NextAsync(host)).Should().Be("A003");
        (await NextAsync(host)).Should().Be("A001");
        (await NextAsync(host)).Should().Be("A002");
    }

    [Fact]
    public async Task Green_channel_elderly_and_disabled_applicants_are_called_first_by_their_configured_weight()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:00:00+08:00");
        var green = await host.ProjectAsync(greenChannel: true);
        var booked = QueueTestHost.IdNumber(1);
        await host.AppointmentAsync("HQ", "PERMIT", "2026-12-01T09:00:00+08:00", "2026-12-01T09:30:00+08:00", booked);
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(10));                                 // A001
        await host.CheckInAsync("HQ", "PERMIT", booked);                                                    // A002, in its slot
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(11, born: "19550101"));               // A003, 71 years old
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(12), disabled: true);                 // A004
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(13), project: green.Code);            // A005, green channel

        var order = new List<string>();
        for (var i = 0; i < 5; i++) order.Add(await NextAsync(host));

        // Weights 2 (green channel), 1 (elderly), 1 (disabled): green first; the elderly and the disabled in ticket order;
        // then the appointment in its slot; then the walk-in.
        order.Should().Equal("A005", "A003", "A004", "A002", "A001");
    }

    [Fact]
    public async Task A_priority_weighted_zero_counts_for_nothing()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:00:00+08:00");
        host.Services.GetRequiredService<QueueOptions>().Priorities[QueuePriority.Elderly] = 0;
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(10));
        var elderly = await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(11, born: "19400101"));

        elderly.PriorityReasons.Should().Be("Elderly");
        (await NextAsync(host)).Should().Be("A001");
        (await NextAsync(host)).Should().Be("A002");
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Three_windows_calling_at_once_never_get_the_same_ticket(string provider)
    {
        await using var host = await QueueTestHost.StartAsync(provider, "2026-12-01T09:00:00+08:00");
        for (var i = 0; i < 30; i++) await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(i));
        var called = new ConcurrentBag<(string Window, string Number)>();

        // Windows 1, 2 and 3 of HQ all serve PERMIT. They first call at the same moment — so the race this test is about
        // happens whatever the scheduling (left to itself, one window's loop once emptied the queue before the others
        // called) — then each calls and finishes until nobody waits.
        var windows = new[] { "1", "2", "3" };
        var firsts = await Task.WhenAll(windows.Select(window => Task.Run(() => host.Desk().CallNextAsync("HQ", window, "clerk-" + window))));
        firsts.Should().OnlyContain(t => t != null, "30 tickets wait");
        await Task.WhenAll(windows.Select((window, i) => Task.Run(async () =>
        {
            var ticket = firsts[i];
            while (ticket is not null)
            {
                called.Add((window, ticket.Number));
                await host.Desk().FinishAsync(ticket.Id, "HQ", window);
                ticket = await host.Desk().CallNextAsync("HQ", window, "clerk-" + window);
            }
        })));

        called.Select(c => c.Number).Should().OnlyHaveUniqueItems().And.HaveCount(30);
        called.Select(c => c.Window).Distinct().Should().HaveCount(3, "every window called at once at the start");
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        (await db.Set<QueueCallRow>().CountAsync()).Should().Be(30, "one call each");
    }

    [Fact]
    public async Task A_window_serves_one_ticket_at_a_time_and_acts_only_on_its_own()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:00:00+08:00");
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(1));
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(2));
        var first = (await host.Desk().CallNextAsync("HQ", "1", "frontdesk"))!;

        (await FluentActions.Awaiting(() => host.Desk().CallNextAsync("HQ", "1", "frontdesk")).Should().ThrowAsync<QueueConflictException>())
            .Which.Reason.Should().BeEquivalentTo(new RuleMessage(RuleCodes.QueueWindowBusy, "1", "A001"));
        (await FluentActions.Awaiting(() => host.Desk().FinishAsync(first.Id, "HQ", "2")).Should().ThrowAsync<QueueConflictException>())
            .Which.Reason.Code.Should().Be(RuleCodes.QueueTicketOtherWindow);
        var recalled = await host.Desk().RecallAsync(first.Id, "HQ", "1");
        recalled.Calls.Should().Be(2);
        await host.Desk().FinishAsync(first.Id, "HQ", "1");
        (await FluentActions.Awaiting(() => host.Desk().RecallAsync(first.Id, "HQ", "1")).Should().ThrowAsync<QueueConflictException>())
            .Which.Reason.Should().BeEquivalentTo(new RuleMessage(RuleCodes.QueueTicketState, "A001", "Served"));
        var board = await host.Board().HallAsync("HQ");
        board.Recent.Select(c => (c.Number, c.Recall)).Should().Equal(("A001", true), ("A001", false));
    }

    [Fact]
    public async Task A_transferred_ticket_waits_for_the_window_it_was_sent_to_in_its_new_category()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:00:00+08:00");
        var ticket = await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(1));
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(2));
        await host.Desk().CallNextAsync("HQ", "1", "frontdesk");

        (await FluentActions.Awaiting(() => host.Desk().TransferAsync(ticket.Id, "HQ", "1", "HELP", "2")).Should().ThrowAsync<PermitRuleViolation>())
            .Which.Errors["toWindow"].Single().Should().BeEquivalentTo(new RuleMessage(RuleCodes.QueueWindowCategory, "2", "HELP"), "window 2 serves PERMIT only");
        var moved = await host.Desk().TransferAsync(ticket.Id, "HQ", "1", "HELP", "3");
        moved.Should().BeEquivalentTo(new { State = TicketState.Waiting, Category = "HELP", TargetWindow = "3", Transfers = 1, Number = "A001" });

        (await host.Desk().CallNextAsync("HQ", "2", "frontdesk"))!.Number.Should().Be("A002", "window 2 may not call a ticket sent to window 3");
        (await host.Desk().CallNextAsync("HQ", "3", "frontdesk"))!.Number.Should().Be("A001");
    }

    [Fact]
    public async Task A_no_show_of_an_appointment_is_recorded_with_the_appointments()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:35:00+08:00");
        var holder = QueueTestHost.IdNumber(1);
        var appointment = await host.AppointmentAsync("HQ", "PERMIT", "2026-12-01T09:30:00+08:00", "2026-12-01T10:00:00+08:00", holder);
        await host.CheckInAsync("HQ", "PERMIT", holder);
        var called = (await host.Desk().CallNextAsync("HQ", "1", "frontdesk"))!;
        host.Clock.Advance(Duration.FromMinutes(3));

        var ended = await host.Desk().NoShowAsync(called.Id, "HQ", "1");

        ended.State.Should().Be(TicketState.NoShow);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        (await db.Set<Appointment>().SingleAsync(a => a.Id == appointment)).State.Should().Be(AppointmentState.NoShow);
    }

    [Fact]
    public async Task Finishing_records_the_cases_of_the_holders_project_filed_while_it_was_served()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:00:00+08:00");
        var project = await host.ProjectAsync();
        var earlier = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);
        var ticket = await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(1), project: project.Code);
        host.Clock.Advance(Duration.FromMinutes(5));
        await host.Desk().CallNextAsync("HQ", "1", "frontdesk");
        host.Clock.Advance(Duration.FromMinutes(5));
        var filed = await host.ApplyAsync(project, Stage.ConstructionPermit);
        host.Clock.Advance(Duration.FromMinutes(5));

        var done = await host.Desk().FinishAsync(ticket.Id, "HQ", "1");

        done.Cases.Should().Be(filed.CaseId, "the case filed for the holder's project while the window served the ticket, not another project's");
        done.Cases.Should().NotContain(earlier.CaseId);
    }
}
