using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Booking;
using Workflow.Definitions.Appointments.Supervision;
using Workflow.Definitions.Tests.EndToEnd;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.Appointments;

/// <summary>The supervision's booking figures and flags, and the per-identity booking limit (docs/appointments.md).</summary>
public class BookingSupervisionTests
{
    [Fact]
    public async Task Grabbing_patterns_are_flagged_and_counted()
    {
        await using var host = await PermitTestHost.StartAsync("sqlite", "2026-11-30T10:00:00+08:00");
        await host.Services.GetRequiredService<HallDirectory>().EnsureAsync(HallSetup.Sample());
        var desk = host.Services.GetRequiredService<BookingDesk>();
        BookingRequest Request(string date, string start, int person) => new("HQ", "PERMIT", date, start, "李四", "13912345678", TestPeople.IdNumber(person));

        // A scalper's client books ten places for ten identities.
        for (var person = 100; person < 110; person++) await desk.BookAsync(Request("2026-12-02", "09:00", person), new Booker(null, "198.51.100.1"));
        // One identity books and cancels three times; the last place is taken by another identity two minutes later.
        var held = new List<Appointment>();
        foreach (var date in new[] { "2026-12-03", "2026-12-04", "2026-12-07" }) held.Add(await desk.BookAsync(Request(date, "10:00", 1), new Booker(null, "203.0.113.9")));
        host.SetClock("2026-11-30T10:20:00+08:00");
        foreach (var a in held) await desk.CancelAsync(a.Id, null, TestPeople.IdNumber(1));
        host.SetClock("2026-11-30T10:22:00+08:00");
        await desk.BookAsync(Request("2026-12-07", "10:00", 2), new Booker(null, "203.0.113.10"));
        host.SetClock("2026-11-30T10:40:00+08:00");
        await desk.BookAsync(Request("2026-12-04", "10:00", 3), new Booker(null, "203.0.113.11")); // 20 minutes later: not a hand-over

        var report = await host.Services.GetRequiredService<BookingSupervision>().ReportAsync(At("2026-11-30T00:00:00+08:00"), At("2026-12-01T00:00:00+08:00"));

        report.Figures.Should().Equal(new BookingFigures("HQ", "PERMIT", Booked: 15, Cancelled: 3, CheckedIn: 0, NoShows: 0));
        report.Flags.Select(f => (f.Kind, f.Count)).Should().BeEquivalentTo(new[]
        {
            (SuspicionKind.ClientBookings, 10), (SuspicionKind.IdentityCancellations, 3), (SuspicionKind.ClientCancellations, 3), (SuspicionKind.ReleasedAndRetaken, 2),
        });
        report.Flags.Single(f => f.Kind == SuspicionKind.ReleasedAndRetaken).Subject.Should().Be("李* → 李*");
    }

    [Fact]
    public async Task An_identity_books_at_most_six_times_in_a_day()
    {
        await using var host = await PermitTestHost.StartAsync("sqlite", "2026-11-30T10:00:00+08:00");
        await host.Services.GetRequiredService<HallDirectory>().EnsureAsync(HallSetup.Sample());
        var desk = host.Services.GetRequiredService<BookingDesk>();
        var days = new[] { "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09" };
        for (var i = 0; i < 6; i++)
        {
            host.SetClock($"2026-11-30T10:{i:D2}:00+08:00");
            await desk.BookAsync(new("HQ", "PERMIT", days[i], "09:00", "王五", "13712345678", TestPeople.IdNumber(5)), new Booker(null, null));
        }

        var thrown = await FluentActions.Awaiting(() => desk.BookAsync(new("HQ", "PERMIT", days[6], "09:00", "王五", "13712345678", TestPeople.IdNumber(5)), new Booker(null, null)))
            .Should().ThrowAsync<BookingThrottledException>();

        // The first of the six was booked at 10:00 on 30 November; it is 24 hours old at 10:00 on 1 December, 23 h 55 min from now.
        thrown.Which.RetryAfter.Should().Be(Duration.FromHours(24) - Duration.FromMinutes(5));
    }
}
