using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Queueing;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tests.Queueing;

/// <summary>One numbering for every hall (docs/queueing.md, *Numbering*).</summary>
public class QueueNumberingTests
{
    private static readonly string[] Halls = ["HQ", "GX", "BJ"];
    // Categories every one of the three demo halls serves, with their prefixes.
    private static readonly (string Code, char Prefix)[] Categories = [("PERMIT", 'A'), ("ESTATE", 'B'), ("BUSINESS", 'C')];

    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Five_hundred_concurrent_check_ins_across_three_halls_get_distinct_numbers_and_gapless_sequences(string provider)
    {
        // Tuesday 1 December 2026, 09:40 in Shanghai: every appointment's 09:30–10:00 slot is running.
        await using var host = await QueueTestHost.StartAsync(provider, "2026-12-01T09:40:00+08:00");
        var people = Enumerable.Range(0, 500).Select(i => (Id: QueueTestHost.IdNumber(i), Hall: Halls[i % 3], Category: Categories[i / 3 % 3])).ToList();
        foreach (var p in people)
            await host.AppointmentAsync(p.Hall, p.Category.Code, "2026-12-01T09:30:00+08:00", "2026-12-01T10:00:00+08:00", p.Id);

        // All 500 started at once; at most 30 hold a connection at a time, so that the test shares the private PostgreSQL
        // server's connections with the PostgreSQL tests running beside it (a full CI run failed with 60: "too many
        // clients already", which is no answer about numbering).
        using var connections = new SemaphoreSlim(30);
        var tickets = await Task.WhenAll(people.Select(p => Task.Run(async () =>
        {
            await connections.WaitAsync();
            try { return await host.CheckInAsync(p.Hall, p.Category.Code, p.Id); }
            finally { connections.Release(); }
        })));

        tickets.Select(t => t.Number).Distinct().Should().HaveCount(500, "a number is issued once a day across every hall");
        foreach (var (code, prefix) in Categories)
        {
            var expected = people.Count(p => p.Category.Code == code);
            tickets.Where(t => t.Category == code).Select(t => t.Number).Should()
                .BeEquivalentTo(Enumerable.Range(1, expected).Select(n => $"{prefix}{n:D3}"), $"category {code}'s sequence has no gaps");
        }
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        (await db.Set<QueueTicketRow>().CountAsync()).Should().Be(500);
        (await db.Set<QueueTicketRow>().Select(t => t.Hall).Distinct().CountAsync()).Should().Be(3);
    }

    [Fact]
    public async Task Numbers_start_again_each_local_day()
    {
        await using var host = await QueueTestHost.StartAsync("sqlite", "2026-12-01T23:50:00+08:00");
        var a = await host.WalkInAsync("HQ", "PERMIT", QueueTestHost.IdNumber(1));
        var b = await host.WalkInAsync("GX", "PERMIT", QueueTestHost.IdNumber(2));
        // 00:10 in Shanghai is still 16:10 UTC of the day before: the numbering day is the local one.
        host.SetClock("2026-12-02T00:10:00+08:00");
        var c = await host.WalkInAsync("BJ", "PERMIT", QueueTestHost.IdNumber(1));

        new[] { a.Number, b.Number, c.Number }.Should().Equal("A001", "A002", "A001");
        new[] { a.Day, c.Day }.Should().Equal("2026-12-01", "2026-12-02");
    }
}
