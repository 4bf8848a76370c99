using NodaTime;
using Workflow.Definitions.Queueing;
using Workflow.Definitions.Tests.EndToEnd;

namespace Workflow.Definitions.Tests.Queueing;

/// <summary>Waiting and service times for supervision (docs/queueing.md, *Figures*).</summary>
public class QueueFiguresTests
{
    private static readonly Instant Nine = Instant.FromUtc(2026, 12, 1, 1, 0);

    private static QueueTicketRow Ticket(string hall, string window, int waitMinutes, int serviceMinutes, TicketState state = TicketState.Served, string day = "2026-12-01") => new()
    {
        Day = day, Hall = hall, Category = "PERMIT", Window = window, State = state, IssuedAt = Nine,
        FirstCalledAt = Nine + Duration.FromMinutes(waitMinutes), CalledAt = Nine + Duration.FromMinutes(waitMinutes),
        EndedAt = Nine + Duration.FromMinutes(waitMinutes + serviceMinutes),
    };

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        QueueFigures.Percentile([], 0.5).Should().BeNull();
        QueueFigures.Percentile([7], 0.9).Should().Be(7);
        QueueFigures.Percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.5).Should().Be(5);
        QueueFigures.Percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.9).Should().Be(9);
        QueueFigures.Percentile([1, 2, 3], 0.5).Should().Be(2);
    }

    [Fact]
    public void Figures_per_hall_window_and_category_each_day_and_for_the_period()
    {
        // Ten served tickets at HQ window 1 waiting 1…10 minutes, served 2 minutes each; one no-show at HQ window 2
        // after 30 minutes; one ticket at GX never called; one served ticket the next day at HQ window 1.
        var tickets = Enumerable.Range(1, 10).Select(m => Ticket("HQ", "1", m, 2)).ToList();
        tickets.Add(Ticket("HQ", "2", 30, 0, TicketState.NoShow));
        tickets.Add(new QueueTicketRow { Day = "2026-12-01", Hall = "GX", Category = "PERMIT", State = TicketState.Waiting, IssuedAt = Nine });
        tickets.Add(Ticket("HQ", "1", 40, 20, day: "2026-12-02"));

        var rows = QueueFigures.Compute(tickets);

        rows.Single(r => r is { Dimension: QueueDimension.Window, Key: "HQ/1", Day: "2026-12-01" }).Should()
            .BeEquivalentTo(new { Issued = 10, Called = 10, Served = 10, NoShows = 0, WaitP50 = 5.0, WaitP90 = 9.0, ServiceP50 = 2.0, ServiceP90 = 2.0 });
        rows.Single(r => r is { Dimension: QueueDimension.Window, Key: "HQ/2", Day: null }).Should()
            .BeEquivalentTo(new { Issued = 1, Called = 1, Served = 0, NoShows = 1, WaitP50 = 30.0, ServiceP50 = (double?)null });
        rows.Single(r => r is { Dimension: QueueDimension.Hall, Key: "HQ", Day: null }).Should()
            .BeEquivalentTo(new { Issued = 12, Called = 12, Served = 11, NoShows = 1, WaitP50 = 6.0, WaitP90 = 30.0, ServiceP90 = 2.0 });
        rows.Single(r => r is { Dimension: QueueDimension.Hall, Key: "GX", Day: null }).Should()
            .BeEquivalentTo(new { Issued = 1, Called = 0, WaitP50 = (double?)null });
        rows.Should().NotContain(r => r.Dimension == QueueDimension.Window && r.Key.StartsWith("GX"), "a ticket never called has no window");
        rows.Single(r => r is { Dimension: QueueDimension.Category, Key: "PERMIT", Day: "2026-12-02" }).ServiceP50.Should().Be(20);
    }

    [Fact]
    public async Task A_holder_sees_how_many_are_ahead_only_with_the_right_code()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:00:00+08:00");
        await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(1));
        await host.WalkInAsync("HQ", "ESTATE", QueueTestHost.IdNumber(2));
        var third = await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(3));
        third.Number.Should().Be("A002");

        (await host.Board().PositionAsync("a002", third.Code.ToLowerInvariant()))!.Ahead.Should().Be(1, "one PERMIT ticket is before it; the ESTATE one is another queue");
        (await host.Board().PositionAsync("A002", "XXXXXX")).Should().BeNull();
        (await host.Board().PositionAsync("A009", third.Code)).Should().BeNull();
        var called = await host.Desk().CallNextAsync("HQ", "1", "frontdesk");
        called!.Number.Should().Be("A001");
        (await host.Board().PositionAsync("A002", third.Code))!.Ahead.Should().Be(0);
    }
}
