using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public class EndlessLoopTests
{
    [Fact]
    public async Task A_loop_that_never_waits_faults_instead_of_hanging()
    {
        var (_, runtime, _) = TestFlow.Engine(o => o.MaxActivitiesPerRun = 500);
        var flow = new TestFlow().Add("start", "Elsa.Start").Add("a", "Elsa.WriteLine", new { text = "again" })
            .Add("d", "Elsa.FlowDecision", new { condition = "False" })
            .Connect("start", "a").Connect("a", "d").Connect("d", "a", "False");

        var result = await runtime.StartAsync(flow.Definition());

        result.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        result.Instance.Fault!.Message.Should().Contain("500 activities without waiting");
    }
}
