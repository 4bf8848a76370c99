using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Tests.Persistence;

namespace Workflow.Engine.Tests.Scheduling;

/// <summary>
/// The engine's one scheduler (docs/scheduling.md): timers fire on the injected clock, once each across processes that
/// share a database, and after downtime each missed timer fires once.
/// </summary>
public sealed class SchedulerTests
{
    private static string DelayFlow(string timeSpan) => new TestFlow()
        .Add("wait", "Elsa.Delay", new { timeSpan })
        .Add("woke", "Elsa.WriteLine", new { text = "woke" })
        .Connect("wait", "woke")
        .Json();

    [Fact]
    public async Task A_delay_fires_when_the_clock_reaches_it_and_only_once()
    {
        var (services, runtime, clock) = TestFlow.Engine();
        var scheduler = services.GetRequiredService<WorkflowScheduler>();
        var started = await runtime.StartAsync(WorkflowDefinitionFromJson(DelayFlow("00:10:00")));

        clock.Advance(Duration.FromMinutes(10) - Duration.FromTicks(1));
        (await scheduler.FireDueAsync()).Should().Be(0, "the delay is due one tick later");
        clock.Advance(Duration.FromTicks(1));
        (await scheduler.FireDueAsync()).Should().Be(1);
        (await scheduler.FireDueAsync()).Should().Be(0, "a fired timer is gone");

        var instance = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id);
        instance!.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task A_handler_fires_the_bookmarks_of_its_kind_with_its_own_input()
    {
        var fired = new ConcurrentBag<string>();
        var clock = Workflow.Testing.FakeClock.At("2026-03-02T09:00:00+08:00");
        var custom = new ServiceCollection().AddSingleton<NodaTime.IClock>(clock)
            .AddSingleton<IDueBookmarkHandler>(sp => new CountingHandler("Delay", sp.GetRequiredService<WorkflowRuntime>(), fired))
            .AddWorkflowEngine().BuildServiceProvider();
        var started = await custom.GetRequiredService<WorkflowRuntime>().StartAsync(WorkflowDefinitionFromJson(DelayFlow("00:01:00")));

        clock.Advance(Duration.FromMinutes(1));
        (await custom.GetRequiredService<WorkflowScheduler>().FireDueAsync()).Should().Be(1);

        fired.Should().ContainSingle().Which.Should().StartWith(started.Instance.Id + "/");
        (await custom.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id))!.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Two_schedulers_on_one_database_fire_each_due_timer_exactly_once(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var fired = new ConcurrentBag<string>();
        // The test's clock runs a minute per 5 ms; a lease of a day keeps a claim alive however long a firing takes in
        // real time (with 5 minutes a slow save could outlive its lease, and the second attempt would find the bookmark gone).
        var first = await OpenSchedulingAsync(db, fired, Duration.FromDays(1));
        var second = await OpenSchedulingAsync(db, fired, Duration.FromDays(1));
        await first.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("delay", "Delay", null, DelayFlow("01:00:00"), publish: true);
        var runtime = first.GetRequiredService<WorkflowRuntime>();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await runtime.StartAsync("delay")).Instance.Id);
            db.Clock.Advance(Duration.FromMinutes(1)); // due times one minute apart
        }

        await using (await RunHostedAsync(first))
        await using (await RunHostedAsync(second))
        {
            // Both background services sweep every 10 ms while the clock walks past every due time.
            for (var minute = 0; minute < 70; minute++)
            {
                db.Clock.Advance(Duration.FromMinutes(1));
                await Task.Delay(5);
            }

            await WaitUntilFinishedAsync(first, ids);
        }

        fired.Should().HaveCount(20, "each of the 20 timers was handed to exactly one scheduler once").And.OnlyHaveUniqueItems();
        await ExpectWokeOnceAsync(first, ids);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task After_three_days_of_downtime_each_missed_timer_fires_once(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var fired = new ConcurrentBag<string>();
        var before = await OpenSchedulingAsync(db, fired);
        var definitions = before.GetRequiredService<IWorkflowDefinitionStore>();
        var ids = new List<string>();
        foreach (var (id, span) in new[] { ("hour", "01:00:00"), ("day", "1.00:00:00"), ("two-days", "2.00:00:00"), ("almost-three", "2.23:59:00") })
        {
            await definitions.SaveAsync(id, id, null, DelayFlow(span), publish: true);
            ids.Add((await before.GetRequiredService<WorkflowRuntime>().StartAsync(id)).Instance.Id);
            ids.Add((await before.GetRequiredService<WorkflowRuntime>().StartAsync(id)).Instance.Id);
        }

        // Every process stops; three days later two come back up on the same database.
        await ((TestDatabase)db).DisposeProvidersAsync();
        db.Clock.Advance(Duration.FromDays(3));
        var a = await OpenSchedulingAsync(db, fired);
        var b = await OpenSchedulingAsync(db, fired);
        await using (await RunHostedAsync(a))
        await using (await RunHostedAsync(b))
            await WaitUntilFinishedAsync(a, ids);

        fired.Should().HaveCount(8, "each of the 8 missed timers fires once on catch-up").And.OnlyHaveUniqueItems();
        await ExpectWokeOnceAsync(a, ids);
        (await a.GetRequiredService<WorkflowScheduler>().FireDueAsync()).Should().Be(0, "nothing is left to fire");
    }

    [Fact]
    public async Task A_timer_whose_firing_failed_is_tried_again_after_its_lease_not_before()
    {
        var clock = Workflow.Testing.FakeClock.At("2026-03-02T09:00:00+08:00");
        var failing = new FailingOnceHandler();
        var services = new ServiceCollection().AddSingleton<NodaTime.IClock>(clock)
            .AddSingleton<IDueBookmarkHandler>(sp => { failing.Runtime = sp.GetRequiredService<WorkflowRuntime>(); return failing; })
            .AddWorkflowEngine(o => o.Scheduler.Lease = Duration.FromMinutes(5)).BuildServiceProvider();
        var scheduler = services.GetRequiredService<WorkflowScheduler>();
        await services.GetRequiredService<WorkflowRuntime>().StartAsync(WorkflowDefinitionFromJson(DelayFlow("00:01:00")));

        clock.Advance(Duration.FromMinutes(1));
        (await scheduler.FireDueAsync()).Should().Be(0, "the handler failed");
        clock.Advance(Duration.FromMinutes(4));
        (await scheduler.FireDueAsync()).Should().Be(0, "the lease (5 minutes) still holds the timer");
        clock.Advance(Duration.FromMinutes(1));
        (await scheduler.FireDueAsync()).Should().Be(1, "the lease ended");
        failing.Calls.Should().Be(2);
    }

    private static Engine.Model.WorkflowDefinition WorkflowDefinitionFromJson(string json) => Engine.Serialization.WorkflowDefinitionReader.Read(json).Definition!;

    /// <summary>A "process" on the database whose scheduler sweeps every 10 ms and records every Delay bookmark it fires.</summary>
    private static Task<ServiceProvider> OpenSchedulingAsync(ITestDatabase db, ConcurrentBag<string> fired, Duration? lease = null) =>
        db.OpenAsync(s => s
            .AddSingleton<IDueBookmarkHandler>(sp => new CountingHandler("Delay", sp.GetRequiredService<WorkflowRuntime>(), fired))
            .AddWorkflowEngine(o =>
            {
                o.Scheduler.Interval = TimeSpan.FromMilliseconds(10);
                if (lease is { } l) o.Scheduler.Lease = l;
            }));

    private static async Task<IAsyncDisposable> RunHostedAsync(IServiceProvider services)
    {
        var hosted = services.GetServices<IHostedService>().ToList();
        hosted.Should().ContainSingle(h => h is WorkflowSchedulerService, "AddWorkflowEngine registers the scheduler's background service");
        foreach (var h in hosted) await h.StartAsync(CancellationToken.None);
        return new Stopper(hosted);
    }

    private static async Task WaitUntilFinishedAsync(IServiceProvider services, IReadOnlyList<string> ids)
    {
        var store = services.GetRequiredService<IWorkflowInstanceStore>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var open = 0;
            foreach (var id in ids)
                if ((await store.FindAsync(id))!.Status != WorkflowStatus.Finished) open++;
            if (open == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{open} of {ids.Count} instances still wait after 30 s.");
            await Task.Delay(20);
        }
    }

    private static async Task ExpectWokeOnceAsync(IServiceProvider services, IEnumerable<string> ids)
    {
        var store = services.GetRequiredService<IWorkflowInstanceStore>();
        foreach (var id in ids)
            (await store.GetJournalAsync(id)).Count(j => j.ActivityId == "woke" && j.Event == JournalEventKind.Completed)
                .Should().Be(1, $"instance {id} went past its delay once");
    }

    private sealed class Stopper(IReadOnlyList<IHostedService> hosted) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var h in hosted) await h.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Records each bookmark it is handed, then resumes it as the scheduler would without a handler.</summary>
    private sealed class CountingHandler(string kind, WorkflowRuntime runtime, ConcurrentBag<string> fired) : IDueBookmarkHandler
    {
        public string Kind => kind;

        public async Task FireAsync(string instanceId, Bookmark bookmark, CancellationToken cancellationToken)
        {
            fired.Add($"{instanceId}/{bookmark.Id}");
            await runtime.ResumeAsync(instanceId, bookmark.Id, null, null, cancellationToken);
        }
    }

    private sealed class FailingOnceHandler : IDueBookmarkHandler
    {
        public WorkflowRuntime? Runtime { get; set; }
        public int Calls { get; private set; }
        public string Kind => "Delay";

        public async Task FireAsync(string instanceId, Bookmark bookmark, CancellationToken cancellationToken)
        {
            if (++Calls == 1) throw new InvalidOperationException("the first firing fails");
            await Runtime!.ResumeAsync(instanceId, bookmark.Id, new JsonObject(), null, cancellationToken);
        }
    }
}
