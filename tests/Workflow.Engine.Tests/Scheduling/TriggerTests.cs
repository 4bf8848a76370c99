using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;
using Workflow.Engine.Tests.Persistence;

namespace Workflow.Engine.Tests.Scheduling;

/// <summary>
/// Elsa.Timer / Elsa.Cron / Elsa.StartAt as triggers (Elsa.Scheduling/Services/DefaultTriggerScheduler.cs): a published
/// definition starting with one (canStartWorkflow) gets an instance per occurrence, once, however many schedulers sweep.
/// </summary>
public sealed class TriggerTests
{
    /// <summary>trigger (flagged canStartWorkflow) → WriteLine "ran".</summary>
    private static string Triggered(string type, object inputs)
    {
        var json = JsonNode.Parse(new TestFlow().Add("trigger", type, inputs).Add("ran", "Elsa.WriteLine", new { text = "ran" }).Connect("trigger", "ran").Json())!;
        json["root"]!["activities"]![0]!["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        return json.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_timer_trigger_starts_one_instance_per_interval_and_after_downtime_one_for_the_latest(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var first = await db.OpenAsync(s => s.AddWorkflowEngine());
        var second = await db.OpenAsync(s => s.AddWorkflowEngine());
        await first.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("hourly", "Hourly",
            null, Triggered("Elsa.Timer", new { interval = "01:00:00" }), publish: true);
        var schedulers = new[] { first.GetRequiredService<WorkflowScheduler>(), second.GetRequiredService<WorkflowScheduler>() };

        db.Clock.Advance(Duration.FromMinutes(59));
        (await SweepBothAsync(schedulers)).Should().Be(0, "the first interval has not passed");
        db.Clock.Advance(Duration.FromMinutes(1));
        await SweepBothAsync(schedulers);
        await SweepBothAsync(schedulers);
        (await RanAsync(db)).Should().Be(1, "one occurrence, one instance, one run of the workflow");

        db.Clock.Advance(Duration.FromDays(3)); // 72 occurrences missed
        await SweepBothAsync(schedulers);
        (await RanAsync(db)).Should().Be(2, "the missed occurrences start one instance, for the latest");
    }

    [Fact]
    public async Task A_cron_trigger_starts_at_its_occurrence_and_a_start_at_trigger_once()
    {
        var (services, _, clock) = TestFlow.Engine(); // 2026-03-02T01:00:00Z
        var store = services.GetRequiredService<IWorkflowDefinitionStore>();
        await store.SaveAsync("daily", "Daily", null, Triggered("Elsa.Cron", new { cronExpression = "0 30 1 * * *" }), publish: true);
        await store.SaveAsync("once", "Once", null, Triggered("Elsa.StartAt", new { dateTime = "2026-03-02T09:45:00+08:00" }), publish: true);
        var scheduler = services.GetRequiredService<WorkflowScheduler>();
        var instances = services.GetRequiredService<IWorkflowInstanceStore>();

        clock.Set(Instant.FromUtc(2026, 3, 2, 1, 29, 59));
        await scheduler.FireDueAsync();
        (await instances.FindBookmarksAsync(new BookmarkFilter())).Should().BeEmpty();

        clock.Set(Instant.FromUtc(2026, 3, 2, 1, 45));
        await scheduler.FireDueAsync();
        await scheduler.FireDueAsync();
        var daily = await instances.FindAsync("daily-trigger-" + Instant.FromUtc(2026, 3, 2, 1, 30).ToUnixTimeSeconds());
        daily!.Status.Should().Be(WorkflowStatus.Finished);
        var once = await instances.FindAsync("once-trigger-" + Instant.FromUtc(2026, 3, 2, 1, 45).ToUnixTimeSeconds());
        once!.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task A_timer_that_is_not_flagged_canStartWorkflow_is_no_trigger()
    {
        var (services, _, clock) = TestFlow.Engine();
        var json = new TestFlow().Add("trigger", "Elsa.Timer", new { interval = "00:01:00" }).Json();
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("plain", "Plain", null, json, publish: true);
        clock.Advance(Duration.FromHours(1));
        (await services.GetRequiredService<WorkflowScheduler>().FireDueAsync()).Should().Be(0);
    }

    private static async Task<int> SweepBothAsync(WorkflowScheduler[] schedulers) =>
        (await Task.WhenAll(schedulers.Select(s => Task.Run(() => s.FireDueAsync())))).Sum();

    private static async Task<int> RanAsync(ITestDatabase db)
    {
        var services = await db.OpenAsync(s => s.AddWorkflowEngine());
        var store = services.GetRequiredService<IWorkflowInstanceStore>();
        var ids = db.Query("SELECT id FROM wf_instances").Select(r => (string)r[0]!).ToList();
        var ran = 0;
        foreach (var id in ids)
            ran += (await store.GetJournalAsync(id)).Count(j => j.ActivityId == "ran" && j.Event == JournalEventKind.Completed);
        return ran;
    }
}
