using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

public sealed class DueBookmarkClaimTests
{
    private static readonly Instant T0 = InstanceSamples.Start;

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Due_timers_are_claimed_once_earliest_first_and_again_after_the_lease(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var services = await db.OpenAsync();
        var store = TestDatabases.Instances(services);
        var claimer = services.GetRequiredService<IDueBookmarkClaimer>();
        await store.InsertAsync(WithTimers("a", T0 + Duration.FromMinutes(2), T0 + Duration.FromMinutes(9)), []);
        await store.InsertAsync(WithTimers("b", T0 + Duration.FromMinutes(1)), []);

        var first = await claimer.ClaimDueAsync("worker-1", T0 + Duration.FromMinutes(5), Duration.FromMinutes(1), 10);
        first.Select(c => c.Bookmark.Id).Should().Equal("b-t0", "a-t0");

        (await claimer.ClaimDueAsync("worker-2", T0 + Duration.FromMinutes(5), Duration.FromMinutes(1), 10)).Should().BeEmpty("both are leased");
        (await claimer.ClaimDueAsync("worker-2", T0 + Duration.FromMinutes(6), Duration.FromMinutes(1), 1))
            .Should().ContainSingle("the lease ended at exactly this instant and max is 1").Which.Bookmark.Id.Should().Be("b-t0");
        (await claimer.ClaimDueAsync("worker-2", T0 + Duration.FromMinutes(10), Duration.FromMinutes(1), 10)).Select(c => c.Bookmark.Id)
            .Should().Equal(["b-t0", "a-t0", "a-t1"], "every lease has ended and a-t1 is due now");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Concurrent_claimers_in_separate_processes_split_the_due_set(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        for (var i = 0; i < 20; i++)
        {
            await store.InsertAsync(WithTimers($"i{i:00}", T0 + Duration.FromSeconds(i)), []);
        }

        var claimers = new List<IDueBookmarkClaimer>();
        for (var w = 0; w < 4; w++)
        {
            claimers.Add((await db.OpenAsync()).GetRequiredService<IDueBookmarkClaimer>());
        }

        var claimed = new ConcurrentBag<string>();
        await Task.WhenAll(claimers.Select((c, w) => Task.Run(async () =>
        {
            while (true)
            {
                var batch = await c.ClaimDueAsync($"worker-{w}", T0 + Duration.FromMinutes(1), Duration.FromMinutes(5), 3);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var (_, bookmark) in batch)
                {
                    claimed.Add(bookmark.Id);
                }
            }
        })));

        claimed.Should().HaveCount(20).And.OnlyHaveUniqueItems();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_lease_survives_a_save_that_keeps_the_bookmark(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var services = await db.OpenAsync();
        var store = TestDatabases.Instances(services);
        var claimer = services.GetRequiredService<IDueBookmarkClaimer>();
        await store.InsertAsync(WithTimers("a", T0, T0), []);
        (await claimer.ClaimDueAsync("w1", T0, Duration.FromMinutes(5), 1)).Should().ContainSingle();

        var instance = (await store.FindAsync("a"))!;
        instance.Variables["touched"] = true;
        await store.UpdateAsync(instance, []);

        (await claimer.ClaimDueAsync("w2", T0, Duration.FromMinutes(5), 10)).Select(c => c.Bookmark.Id).Should().Equal("a-t1");
    }

    [Fact]
    public async Task Bad_claim_arguments_are_named()
    {
        await using var db = new SqliteTestDatabase();
        var claimer = (await db.OpenAsync()).GetRequiredService<IDueBookmarkClaimer>();

        await FluentActions.Awaiting(() => claimer.ClaimDueAsync(" ", T0, Duration.FromMinutes(1), 1)).Should().ThrowAsync<ArgumentException>().WithParameterName("owner");
        await FluentActions.Awaiting(() => claimer.ClaimDueAsync("w", T0, Duration.Zero, 1)).Should().ThrowAsync<ArgumentException>().WithParameterName("lease");
        await FluentActions.Awaiting(() => claimer.ClaimDueAsync("w", T0, Duration.FromMinutes(1), 0)).Should().ThrowAsync<ArgumentOutOfRangeException>().WithParameterName("max");
    }

    private static WorkflowInstance WithTimers(string id, params Instant[] due)
    {
        var instance = InstanceSamples.Suspended(id);
        instance.Bookmarks = [.. due.Select((at, i) => new Bookmark($"{id}-t{i}", $"delay{i}", "Elsa.Delay", $"n{i}", "Delay", null, T0, at))];
        return instance;
    }
}
