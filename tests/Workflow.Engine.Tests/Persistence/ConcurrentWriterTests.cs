using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>Writers with separate service providers (separate DbContexts and connections) on one file, as two processes.</summary>
public sealed class ConcurrentWriterTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Two_concurrent_updates_of_one_version_from_two_stores_exactly_one_wins(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var storeA = TestDatabases.Instances(await db.OpenAsync());
        var storeB = TestDatabases.Instances(await db.OpenAsync());
        await storeA.InsertAsync(InstanceSamples.Suspended(), []);

        for (var round = 1; round <= 10; round++)
        {
            var a = (await storeA.FindAsync("inst-1"))!;
            var b = (await storeB.FindAsync("inst-1"))!;
            a.Variables["winner"] = "A";
            b.Variables["winner"] = "B";
            var start = new TaskCompletionSource();
            var updates = new[]
            {
                Task.Run(async () => { await start.Task; await storeA.UpdateAsync(a, [InstanceSamples.Line("inst-1", round)]); return "A"; }),
                Task.Run(async () => { await start.Task; await storeB.UpdateAsync(b, [InstanceSamples.Line("inst-1", round)]); return "B"; }),
            };
            start.SetResult();
            var outcomes = await Task.WhenAll(updates.Select(Outcome));

            outcomes.Count(o => o is "A" or "B").Should().Be(1, $"round {round}: exactly one update applies");
            outcomes.Count(o => o == "conflict").Should().Be(1, $"round {round}: the other gets the concurrency error");
            var winner = outcomes.Single(o => o is "A" or "B");
            var stored = (await storeA.FindAsync("inst-1"))!;
            stored.Version.Should().Be(round + 1);
            stored.Variables["winner"]!.GetValue<string>().Should().Be(winner);
        }

        (await storeB.GetJournalAsync("inst-1")).Select(j => j.Sequence).Should().Equal(Enumerable.Range(1, 10).Select(i => (long)i));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Eight_racing_writers_on_one_version_leave_exactly_one_applied(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var stores = new List<IWorkflowInstanceStore>();
        for (var i = 0; i < 8; i++)
        {
            stores.Add(TestDatabases.Instances(await db.OpenAsync()));
        }

        await stores[0].InsertAsync(InstanceSamples.Suspended(), []);
        var copies = await Task.WhenAll(stores.Select(s => s.FindAsync("inst-1")));
        var start = new TaskCompletionSource();
        var updates = stores.Select((s, i) => Task.Run(async () =>
        {
            await start.Task;
            copies[i]!.Variables["writer"] = i;
            await s.UpdateAsync(copies[i]!, [InstanceSamples.Line("inst-1", 1)]);
            return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        })).ToList();
        start.SetResult();

        var outcomes = await Task.WhenAll(updates.Select(Outcome));

        outcomes.Count(o => o != "conflict").Should().Be(1);
        (await stores[0].FindAsync("inst-1"))!.Version.Should().Be(2);
        (await stores[0].GetJournalAsync("inst-1")).Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Writers_on_different_instances_wait_for_each_other_instead_of_failing(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var storeA = TestDatabases.Instances(await db.OpenAsync());
        var storeB = TestDatabases.Instances(await db.OpenAsync());
        await storeA.InsertAsync(InstanceSamples.Suspended("a"), []);
        var b = InstanceSamples.Suspended("b");
        b.Bookmarks = [.. b.Bookmarks.Select(x => x with { Id = "b-" + x.Id })];
        await storeB.InsertAsync(b, [InstanceSamples.Line("b", 1)]);

        async Task Run(IWorkflowInstanceStore store, string id)
        {
            for (var i = 1; i <= 25; i++)
            {
                var instance = (await store.FindAsync(id))!;
                instance.Variables["i"] = i;
                await store.UpdateAsync(instance, [InstanceSamples.Line(id, i + 1)]);
            }
        }

        await Task.WhenAll(Task.Run(() => Run(storeA, "a")), Task.Run(() => Run(storeB, "b")));

        (await storeA.FindAsync("a"))!.Version.Should().Be(26);
        (await storeA.FindAsync("b"))!.Version.Should().Be(26);
    }

    private static async Task<string> Outcome(Task<string> update)
    {
        try
        {
            return await update;
        }
        catch (ConcurrencyConflictException)
        {
            return "conflict";
        }
    }
}
