using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Booking;
using Workflow.Definitions.Appointments.Slots;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Appointments;

/// <summary>
/// Booking (docs/appointments.md, *Rules*) on SQLite and PostgreSQL: capacity under concurrency, one active appointment per
/// person, category and day, cancellation up to the cut-off, no-show bans, and slots from the cn-mainland calendar.
/// </summary>
public class BookingTests
{
    private static readonly Booker Public = new(null, "203.0.113.7");

    private static async Task<PermitTestHost> StartAsync(string provider, string now)
    {
        var host = await PermitTestHost.StartAsync(provider, now);
        await host.Services.GetRequiredService<HallDirectory>().EnsureAsync(HallSetup.Sample());
        return host;
    }

    private static BookingRequest Request(string date, string start, int person, string category = "PERMIT", string hall = "HQ") =>
        new(hall, category, date, start, "张三", "13812345678", TestPeople.IdNumber(person));

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Two_hundred_concurrent_bookings_of_a_slot_for_twenty_give_exactly_twenty_appointments(string provider)
    {
        // Monday 30 November 2026; the main hall (capacity 20 a slot) on Tuesday 1 December at 09:00.
        await using var host = await StartAsync(provider, "2026-11-30T10:00:00+08:00");
        var desk = host.Services.GetRequiredService<BookingDesk>();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 200).Select(person => Task.Run(async () =>
        {
            try { await desk.BookAsync(Request("2026-12-01", "09:00", person), Public); return "booked"; }
            catch (StepConflictException e) { return e.Reason.Code; }
        })));

        outcomes.Count(o => o == "booked").Should().Be(20);
        outcomes.Count(o => o == RuleCodes.AppointmentSlotFull).Should().Be(180);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        (await db.Set<Appointment>().CountAsync(a => a.Day == "2026-12-01")).Should().Be(20);
        var day = await host.Services.GetRequiredService<SlotPlanner>().DayAsync((await host.Services.GetRequiredService<HallDirectory>().SnapshotAsync()).FindHall("HQ")!, new LocalDate(2026, 12, 1));
        day.At(new LocalTime(9, 0))!.Should().BeEquivalentTo(new { Booked = 20, Remaining = 0 });
        day.At(new LocalTime(9, 30))!.Remaining.Should().Be(20);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task A_second_active_booking_of_a_person_for_a_category_and_day_is_refused(string provider)
    {
        await using var host = await StartAsync(provider, "2026-11-30T10:00:00+08:00");
        var desk = host.Services.GetRequiredService<BookingDesk>();
        var first = await desk.BookAsync(Request("2026-12-01", "09:00", 1), Public);

        await Conflict(() => desk.BookAsync(Request("2026-12-01", "14:00", 1), Public), RuleCodes.AppointmentDuplicate);
        await Conflict(() => desk.BookAsync(Request("2026-12-01", "14:00", 1, hall: "GX"), Public), RuleCodes.AppointmentDuplicate); // any hall
        (await desk.BookAsync(Request("2026-12-01", "14:00", 1, category: "ESTATE"), Public)).State.Should().Be(AppointmentState.Booked);
        (await desk.BookAsync(Request("2026-12-02", "14:00", 1), Public)).Day.Should().Be("2026-12-02");

        (await desk.CancelAsync(first.Id, null, TestPeople.IdNumber(2))).Should().BeNull("another person's number does not reach it");
        (await desk.CancelAsync(first.Id, null, TestPeople.IdNumber(1)))!.State.Should().Be(AppointmentState.Cancelled);
        (await desk.BookAsync(Request("2026-12-01", "14:00", 1), Public)).State.Should().Be(AppointmentState.Booked, "the cancelled one is no longer active");
        (await desk.OfIdentityAsync(TestPeople.IdNumber(1))).Select(a => (a.Day, a.Category, a.State)).Should().BeEquivalentTo(new[]
        {
            ("2026-12-01", "PERMIT", AppointmentState.Cancelled), ("2026-12-01", "ESTATE", AppointmentState.Booked),
            ("2026-12-02", "PERMIT", AppointmentState.Booked), ("2026-12-01", "PERMIT", AppointmentState.Booked),
        });
    }

    [Fact]
    public async Task A_cancellation_gives_the_place_back_until_an_hour_before_the_slot()
    {
        await using var host = await StartAsync("sqlite", "2026-11-30T10:00:00+08:00");
        var desk = host.Services.GetRequiredService<BookingDesk>();
        var early = await desk.BookAsync(Request("2026-12-01", "09:00", 1), new Booker("agent1", null));
        var late = await desk.BookAsync(Request("2026-12-01", "09:00", 2), Public);
        (await desk.CancelAsync(early.Id, "agent2", null)).Should().BeNull("only the agent who booked it, or its holder");
        (await desk.CancelAsync(early.Id, "agent1", null))!.State.Should().Be(AppointmentState.Cancelled);
        var hall = (await host.Services.GetRequiredService<HallDirectory>().SnapshotAsync()).FindHall("HQ")!;
        (await host.Services.GetRequiredService<SlotPlanner>().DayAsync(hall, new LocalDate(2026, 12, 1))).At(new LocalTime(9, 0))!.Booked.Should().Be(1);

        host.SetClock("2026-12-01T08:01:00+08:00");
        (await Conflict(() => desk.CancelAsync(late.Id, null, TestPeople.IdNumber(2)), RuleCodes.AppointmentCancelCutoff)).Arguments.Should().Equal(60);
        await Conflict(() => desk.CancelAsync(early.Id, "agent1", null), RuleCodes.AppointmentStateConflict);
    }

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task After_three_no_shows_in_ninety_days_the_person_cannot_book_for_thirty_days(string provider)
    {
        await using var host = await StartAsync(provider, "2026-11-02T10:00:00+08:00");
        var desk = host.Services.GetRequiredService<BookingDesk>();
        var sweep = host.Services.GetRequiredService<NoShowSweep>();
        foreach (var date in new[] { "2026-11-03", "2026-11-04", "2026-11-05" })
            await desk.BookAsync(Request(date, "09:00", 7), Public);
        await desk.BookAsync(Request("2026-11-05", "10:00", 8), Public); // someone else, who comes
        host.SetClock("2026-11-05T10:05:00+08:00");
        await host.Services.GetRequiredService<AppointmentCheckIn>().CheckInAsync("HQ", "PERMIT", TestPeople.IdNumber(8));
        (await desk.BanOfAsync(TestPeople.IdNumber(7))).Should().BeNull();

        // Thursday 5 November, 17:30: the sweep finds the three slots over and unused.
        host.SetClock("2026-11-05T17:30:00+08:00");
        (await sweep.RecordDueAsync()).Should().Be(3);
        (await sweep.RecordDueAsync()).Should().Be(0);

        var ban = (await desk.BanOfAsync(TestPeople.IdNumber(7)))!;
        ban.Should().BeEquivalentTo(new { NoShows = 3, From = At("2026-11-05T17:30:00+08:00"), Until = At("2026-12-05T17:30:00+08:00") });
        (await desk.OfIdentityAsync(TestPeople.IdNumber(7))).Should().OnlyContain(a => a.State == AppointmentState.NoShow);
        (await desk.OfIdentityAsync(TestPeople.IdNumber(7))).Select(a => a.NoShowAt).Should().BeEquivalentTo(new Instant?[]
            { At("2026-11-03T09:30:00+08:00"), At("2026-11-04T09:30:00+08:00"), At("2026-11-05T09:30:00+08:00") });
        (await Conflict(() => desk.BookAsync(Request("2026-11-06", "09:00", 7), Public), RuleCodes.AppointmentBanned))
            .Arguments.Should().Equal(3, 90, "2026-12-05 17:30");
        (await desk.BookAsync(Request("2026-11-06", "09:00", 8), Public)).State.Should().Be(AppointmentState.Booked, "the other person is not banned");
        var audit = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContext().Set<AuditEntry>().Where(e => e.Action == "appointment.banned").ToListAsync();
        audit.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Actor = "system", Role = "system" });

        host.SetClock("2026-12-05T17:29:00+08:00");
        await Conflict(() => desk.BookAsync(Request("2026-12-07", "09:00", 7), Public), RuleCodes.AppointmentBanned);
        host.SetClock("2026-12-05T17:31:00+08:00");
        (await desk.BookAsync(Request("2026-12-07", "09:00", 7), Public)).State.Should().Be(AppointmentState.Booked);
    }

    [Fact]
    public async Task Slots_follow_the_calendar_none_on_National_Day_and_the_usual_ones_on_its_make_up_Saturday()
    {
        // Monday 28 September 2026. cn-mainland: 国庆节 1–7 October 2026 (Thursday 1 October is a holiday); Saturday
        // 10 October 2026 is a make-up working day (国庆节调休); Saturday 17 October is an ordinary rest day.
        await using var host = await StartAsync("sqlite", "2026-09-28T10:00:00+08:00");
        var desk = host.Services.GetRequiredService<BookingDesk>();
        var hall = (await host.Services.GetRequiredService<HallDirectory>().SnapshotAsync()).FindHall("HQ")!;
        var planner = host.Services.GetRequiredService<SlotPlanner>();

        var holiday = await planner.DayAsync(hall, new LocalDate(2026, 10, 1));
        holiday.Should().BeEquivalentTo(new { IsWorkingDay = false, Holiday = "国庆节", IsProvisional = false });
        holiday.Slots.Should().BeEmpty();
        var makeUp = await planner.DayAsync(hall, new LocalDate(2026, 10, 10));
        makeUp.Should().BeEquivalentTo(new { IsWorkingDay = true, MakeUpDay = "国庆节" });
        // 09:00–12:00 and 13:30–17:00 in 30-minute slots: 6 + 7.
        makeUp.Slots.Select(s => s.From.ToString("HH:mm", null)).Should().Equal(
            "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30");
        (await planner.DayAsync(hall, new LocalDate(2026, 10, 17))).Slots.Should().BeEmpty();
        (await planner.DayAsync(hall, new LocalDate(2027, 3, 1))).IsProvisional.Should().BeTrue("2027 is computed, not announced");

        var refused = await FluentActions.Awaiting(() => desk.BookAsync(Request("2026-10-01", "09:00", 1), Public)).Should().ThrowAsync<PermitRuleViolation>();
        refused.Which.Errors["date"].Single().Should().BeEquivalentTo(new RuleMessage(RuleCodes.AppointmentDayClosed, "2026-10-01", "（国庆节）"));
        (await desk.BookAsync(Request("2026-10-10", "16:30", 1), Public)).SlotEnd.Should().Be(At("2026-10-10T17:00:00+08:00"));
        var tooFar = await FluentActions.Awaiting(() => desk.BookAsync(Request("2026-10-13", "09:00", 1), Public)).Should().ThrowAsync<PermitRuleViolation>();
        tooFar.Which.Errors.Keys.Should().Equal("date");
    }

    [Fact]
    public async Task Bad_fields_are_named_together()
    {
        await using var host = await StartAsync("sqlite", "2026-11-30T10:00:00+08:00");
        var desk = host.Services.GetRequiredService<BookingDesk>();

        var refused = await FluentActions.Awaiting(() => desk.BookAsync(new BookingRequest("HQ", "NOPE", "2026-12-01", "09:00", " ", "12345", "51340119900101001X"), Public))
            .Should().ThrowAsync<PermitRuleViolation>();

        refused.Which.Errors.ToDictionary(e => e.Key, e => e.Value.Single().Code).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["category"] = RuleCodes.AppointmentCategoryUnknown, ["name"] = RuleCodes.AppointmentNameRequired,
            ["mobile"] = RuleCodes.AppointmentMobileInvalid, ["idNumber"] = RuleCodes.AppointmentIdNumberChecksum,
        });
        (await FluentActions.Awaiting(() => desk.BookAsync(Request("2026-12-01", "09:10", 1), Public)).Should().ThrowAsync<PermitRuleViolation>())
            .Which.Errors.Keys.Should().Equal("start");
        (await FluentActions.Awaiting(() => desk.BookAsync(Request("2026-11-30", "09:30", 1), Public)).Should().ThrowAsync<PermitRuleViolation>())
            .Which.Errors["start"].Single().Code.Should().Be(RuleCodes.AppointmentSlotPast);
        (await desk.BookAsync(Request("2026-12-01", "09:00", 1, category: "ESTATE", hall: "BJ"), Public)).SlotEnd.Should().Be(At("2026-12-01T10:00:00+08:00"), "BJ's slots are an hour long");
    }

    private static async Task<RuleMessage> Conflict(Func<Task> act, string code)
    {
        var thrown = await act.Should().ThrowAsync<StepConflictException>();
        thrown.Which.Reason.Code.Should().Be(code);
        return thrown.Which.Reason;
    }
}
