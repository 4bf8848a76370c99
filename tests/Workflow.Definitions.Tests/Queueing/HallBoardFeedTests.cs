using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Queueing;

namespace Workflow.Definitions.Tests.Queueing;

/// <summary>
/// The displays' live feed (docs/queueing.md, *Live display across hosts*): one poller per hall per host, whatever the
/// number of screens, every screen of the hall given the same board once per change.
/// </summary>
public class HallBoardFeedTests
{
    [Fact]
    public async Task Screens_of_a_hall_share_one_poller_and_each_gets_every_change()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T09:20:00+08:00");
        host.Services.GetRequiredService<QueueOptions>().DisplayPollMilliseconds = 50;
        var feed = host.Services.GetRequiredService<HallBoardFeed>();
        using var screensGone = new CancellationTokenSource();
        var hq = Enumerable.Range(0, 5).Select(_ => feed.WatchAsync("HQ", screensGone.Token).GetAsyncEnumerator()).ToList();
        var gx = feed.WatchAsync("GX", screensGone.Token).GetAsyncEnumerator();

        foreach (var screen in hq.Append(gx))
        {
            (await screen.MoveNextAsync()).Should().BeTrue();
            screen.Current.Version.Should().Be(0, "no call yet today");
        }
        feed.WatchedHalls.Should().Be(2);

        var started = Stopwatch.GetTimestamp();
        var pollsBefore = feed.Polls;
        await Task.Delay(600);
        var polls = feed.Polls - pollsBefore;
        var elapsed = Stopwatch.GetElapsedTime(started);
        // One poller per hall makes at most elapsed ÷ interval + 1 polls per hall; a poller per screen would make six times that.
        polls.Should().BeLessThanOrEqualTo(2 * ((long)(elapsed.TotalMilliseconds / 50) + 1), "six screens in two halls are polled as two halls");
        polls.Should().BeGreaterThan(0);

        var ticket = await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(1));
        (await host.Desk().CallNextAsync("HQ", "1", "frontdesk"))!.Number.Should().Be(ticket.Number);
        var boards = new List<HallBoard>();
        foreach (var screen in hq)
        {
            (await screen.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Should().BeTrue();
            boards.Add(screen.Current);
        }
        boards.Should().AllSatisfy(b => b.Version.Should().Be(1));
        boards.Should().AllSatisfy(b => b.Should().BeSameAs(boards[0]), "the board is read once per change and shared by the hall's screens");
        boards[0].Current.Single().Window.Should().Be("1");

        screensGone.Cancel();
        foreach (var screen in hq.Append(gx))
        {
            (await screen.MoveNextAsync()).Should().BeFalse("the screen went away");
            await screen.DisposeAsync();
        }
        feed.WatchedHalls.Should().Be(0, "the last screen of a hall stops its poller");
        await Task.Delay(200); // a poll under way when the last screen left may still count once
        var stopped = feed.Polls;
        await Task.Delay(300);
        feed.Polls.Should().Be(stopped, "nobody watches any hall");
    }
}
