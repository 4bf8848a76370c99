using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public class WorkflowRuntimeLifecycleTests
{
    [Fact]
    public async Task Cancel_removes_every_bookmark_and_ends_Cancelled()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var started = await runtime.StartAsync(TestFlow.ParallelEvents(3, "WaitAll").Definition());

        var result = await runtime.CancelAsync(started.Instance.Id, "withdrawn");

        result.Status.Should().Be(WorkflowStatus.Finished);
        result.SubStatus.Should().Be(WorkflowSubStatus.Cancelled);
        result.Instance.Bookmarks.Should().BeEmpty();
        result.Journal.Where(j => j.Event == JournalEventKind.Cancelled).Should().HaveCount(3).And.OnlyContain(j => j.Data!["reason"]!.GetValue<string>() == "withdrawn");
        await FluentActions.Awaiting(() => runtime.CancelAsync(started.Instance.Id)).Should().ThrowAsync<WorkflowRuntimeException>();
    }

    [Fact]
    public async Task Due_timers_resume_when_the_clock_reaches_them()
    {
        var (_, runtime, clock) = TestFlow.Engine();
        var flow = new TestFlow().Add("d", "Elsa.Delay", new { timeSpan = "00:10:00" }).Add("w", "Elsa.WriteLine", new { text = "woke" }).Connect("d", "w");
        var started = await runtime.StartAsync(flow.Definition());

        clock.Advance(NodaTime.Duration.FromMinutes(9));
        (await runtime.ResumeDueTimersAsync()).Should().BeEmpty();
        clock.Advance(NodaTime.Duration.FromMinutes(1));
        var resumed = await runtime.ResumeDueTimersAsync();

        resumed.Should().ContainSingle().Which.Output.Should().Equal("woke");
        resumed[0].Instance.Id.Should().Be(started.Instance.Id);
    }
}
