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
}
