using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Engine.Activities;
using Workflow.Engine.Model;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Activities.Scheduling;

/// <summary>Elsa's scheduling activities, fired by the engine's scheduler on the fake clock (docs/scheduling.md).</summary>
public sealed class SchedulingActivityTests
{
    // The engine's test clock stands at 2026-03-02T09:00:00+08:00 = 01:00:00 UTC, a Monday.
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);

    private static async Task<(WorkflowRunResult Started, WorkflowScheduler Scheduler, FakeClock Clock, IServiceProvider Services)> StartAsync(string type, object inputs)
    {
        var (services, runtime, clock) = TestFlow.Engine();
        var flow = new TestFlow().Add("wait", type, inputs).Add("after", "Elsa.WriteLine", new { text = "after" }).Connect("wait", "after");
        var started = await runtime.StartAsync(flow.Definition());
        return (started, services.GetRequiredService<WorkflowScheduler>(), clock, services);
    }

    private static async Task<WorkflowInstance> InstanceAsync(IServiceProvider services, WorkflowRunResult started) =>
        (await services.GetRequiredService<Engine.Persistence.IWorkflowInstanceStore>().FindAsync(started.Instance.Id))!;

    // Elsa.Scheduling/Activities/Timer.cs: outside a trigger, a bookmark at now + Interval; resumed, the activity completes.
    [Fact]
    public async Task Timer_waits_one_interval_then_completes()
    {
        var (started, scheduler, clock, services) = await StartAsync("Elsa.Timer", new { interval = "00:30:00" });
        started.Instance.Bookmarks.Should().ContainSingle().Which.Should().Match<Bookmark>(b => b.Kind == "Interval" && b.ResumeAt == T0 + Duration.FromMinutes(30));

        clock.Advance(Duration.FromMinutes(29));
        (await scheduler.FireDueAsync()).Should().Be(0);
        clock.Advance(Duration.FromMinutes(1));
        (await scheduler.FireDueAsync()).Should().Be(1);
        (await InstanceAsync(services, started)).Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task Timer_with_a_zero_interval_faults_naming_it()
    {
        var (started, _, _, _) = await StartAsync("Elsa.Timer", new { interval = "00:00:00" });
        started.Instance.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        started.Instance.Fault!.Message.Should().Contain("positive interval").And.Contain("00:00:00");
    }

    // Elsa.Scheduling/Activities/Cron.cs + Services/CronosCronParser.cs: Cronos with seconds, next occurrence after now, in UTC.
    [Fact]
    public async Task Cron_waits_for_the_next_occurrence_in_utc()
    {
        // "0 0 2 * * *" = 02:00:00 UTC every day; the clock reads 01:00 UTC, so today at 02:00 UTC (10:00 in Shanghai).
        var (started, scheduler, clock, services) = await StartAsync("Elsa.Cron", new { cronExpression = "0 0 2 * * *" });
        started.Instance.Bookmarks.Single().ResumeAt.Should().Be(Instant.FromUtc(2026, 3, 2, 2, 0));

        clock.Set(Instant.FromUtc(2026, 3, 2, 1, 59, 59));
        (await scheduler.FireDueAsync()).Should().Be(0);
        clock.Set(Instant.FromUtc(2026, 3, 2, 2, 0));
        (await scheduler.FireDueAsync()).Should().Be(1);
        (await InstanceAsync(services, started)).Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task Cron_accepts_five_fields_without_seconds()
    {
        // "30 1 * * 1" = Mondays 01:30 UTC; now is Monday 01:00 UTC.
        var (started, _, _, _) = await StartAsync("Elsa.Cron", new { cronExpression = "30 1 * * 1" });
        started.Instance.Bookmarks.Single().ResumeAt.Should().Be(Instant.FromUtc(2026, 3, 2, 1, 30));
    }

    [Fact]
    public async Task Cron_with_a_bad_expression_faults_naming_it()
    {
        var (started, _, _, _) = await StartAsync("Elsa.Cron", new { cronExpression = "every day at noon" });
        started.Instance.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        started.Instance.Fault!.Message.Should().Contain("\"every day at noon\" is not a CRON expression");
    }

    // Elsa.Scheduling/Activities/StartAt.cs: a bookmark at DateTime; a time in the past completes at once.
    [Fact]
    public async Task StartAt_waits_until_its_instant()
    {
        var (started, scheduler, clock, services) = await StartAsync("Elsa.StartAt", new { dateTime = "2026-03-03T08:00:00+08:00" });
        started.Instance.Bookmarks.Single().Should().Match<Bookmark>(b => b.Kind == "StartAt" && b.ResumeAt == Instant.FromUtc(2026, 3, 3, 0, 0));

        clock.Set(Instant.FromUtc(2026, 3, 3, 0, 0));
        (await scheduler.FireDueAsync()).Should().Be(1);
        (await InstanceAsync(services, started)).Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task StartAt_in_the_past_completes_at_once()
    {
        var (started, _, _, _) = await StartAsync("Elsa.StartAt", new { dateTime = "2026-03-01T08:00:00+08:00" });
        started.Instance.Status.Should().Be(WorkflowStatus.Finished);
        started.Output.Should().Equal("after");
    }

    // Elsa.Scheduling/Activities/Delay.cs: same category and description; non-blocking = a bookmark at now + TimeSpan.
    [Fact]
    public void The_scheduling_activities_are_in_Elsas_Scheduling_category_with_Elsas_inputs()
    {
        var (services, _, _) = TestFlow.Engine();
        var items = services.GetRequiredService<ActivityDescriptorGenerator>().DescribeAll()["items"]!.AsArray();
        var byType = items.ToDictionary(d => d!["typeName"]!.GetValue<string>(), d => d!);
        foreach (var (type, input) in new[] { ("Elsa.Delay", "TimeSpan"), ("Elsa.Timer", "Interval"), ("Elsa.Cron", "CronExpression"), ("Elsa.StartAt", "DateTime") })
        {
            byType.Should().ContainKey(type);
            byType[type]["category"]!.GetValue<string>().Should().Be("Scheduling");
            byType[type]["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Should().Contain(input);
        }
        byType["Elsa.Delay"]["description"]!.GetValue<string>().Should().Be("Delay execution for the specified amount of time.");
        byType["Elsa.Timer"]["kind"]!.GetValue<string>().Should().Be("Trigger");
    }
}
