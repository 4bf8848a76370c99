using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>Fork/join behaviour beyond the Elsa conformance set, in both flowchart modes.</summary>
public class ForkJoinTests
{
    private static async Task<WorkflowRunResult> StartAsync(WorkflowRuntime runtime, TestFlow flow, FlowchartMode mode) =>
        await runtime.StartAsync(flow.Definition(), new StartWorkflowOptions { FlowchartMode = mode });

    private static string BookmarkOf(WorkflowRunResult r, string activityId) => r.Instance.Bookmarks.Single(b => b.ActivityId == activityId).Id;

    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task Twelve_branch_WaitAll_continues_only_after_the_last_branch(FlowchartMode mode)
    {
        var (_, runtime, _) = TestFlow.Engine();
        var result = await StartAsync(runtime, TestFlow.ParallelEvents(12, "WaitAll"), mode);
        result.Instance.Bookmarks.Should().HaveCount(12);
        result.SubStatus.Should().Be(WorkflowSubStatus.Suspended);

        foreach (var b in TestFlow.Branches(12))
        {
            result.Output.Should().BeEmpty();
            result = await runtime.ResumeAsync(result.Instance.Id, BookmarkOf(result, $"wait-{b}"));
        }

        result.Output.Should().Equal("joined");
        result.Status.Should().Be(WorkflowStatus.Finished);
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
    }

    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task WaitAny_cancels_the_eleven_other_branches(FlowchartMode mode)
    {
        var (services, runtime, _) = TestFlow.Engine();
        var started = await StartAsync(runtime, TestFlow.ParallelEvents(12, "WaitAny"), mode);

        var result = await runtime.ResumeAsync(started.Instance.Id, BookmarkOf(started, "wait-b5"));

        result.Output.Should().Equal("joined");
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Instance.Bookmarks.Should().BeEmpty();
        result.RemovedBookmarks.Should().HaveCount(12, "one resumed and eleven cancelled");
        var cancelled = result.Journal.Where(j => j.Event == JournalEventKind.Cancelled).Select(j => j.ActivityId).ToList();
        cancelled.Should().BeEquivalentTo(TestFlow.Branches(12).Where(b => b != "b5").Select(b => $"wait-{b}"));
        var stored = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id);
        stored!.Bookmarks.Should().BeEmpty();
        (await services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(started.Instance.Id))
            .Count(j => j.ActivityId == "join" && j.Event == JournalEventKind.Completed).Should().Be(1);
    }

    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task Quorum_three_of_five_continues_on_the_third_arrival(FlowchartMode mode)
    {
        var (_, runtime, _) = TestFlow.Engine();
        var result = await StartAsync(runtime, TestFlow.ParallelEvents(5, "Quorum", quorum: 3), mode);

        result = await runtime.ResumeAsync(result.Instance.Id, BookmarkOf(result, "wait-b2"));
        result = await runtime.ResumeAsync(result.Instance.Id, BookmarkOf(result, "wait-b4"));
        result.Output.Should().BeEmpty();
        result.Instance.Bookmarks.Should().HaveCount(3);

        result = await runtime.ResumeAsync(result.Instance.Id, BookmarkOf(result, "wait-b1"));

        result.Output.Should().Equal("joined");
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Journal.Where(j => j.Event == JournalEventKind.Cancelled).Select(j => j.ActivityId).Should().BeEquivalentTo(["wait-b3", "wait-b5"]);
    }

    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task A_fork_nested_inside_a_branch_joins_before_the_outer_join(FlowchartMode mode)
    {
        var flow = new TestFlow()
            .Add("start", "Elsa.Start")
            .Add("outer", "Elsa.FlowFork", new { branches = new Model.ExpressionInput("String[]", "Object", System.Text.Json.Nodes.JsonValue.Create("[\"A\",\"B\"]")) })
            .Add("a", "Elsa.Event", new { eventName = "a" })
            .Add("inner", "Elsa.FlowFork", new { branches = new Model.ExpressionInput("String[]", "Object", System.Text.Json.Nodes.JsonValue.Create("[\"B1\",\"B2\"]")) })
            .Add("b1", "Elsa.Event", new { eventName = "b1" })
            .Add("b2", "Elsa.Event", new { eventName = "b2" })
            .Add("innerJoin", "Elsa.FlowJoin", new { mode = "WaitAll" })
            .Add("innerDone", "Elsa.WriteLine", new { text = "inner joined" })
            .Add("outerJoin", "Elsa.FlowJoin", new { mode = "WaitAll" })
            .Add("done", "Elsa.WriteLine", new { text = "all joined" })
            .Connect("start", "outer").Connect("outer", "a", "A").Connect("outer", "inner", "B")
            .Connect("inner", "b1", "B1").Connect("inner", "b2", "B2")
            .Connect("b1", "innerJoin").Connect("b2", "innerJoin").Connect("innerJoin", "innerDone").Connect("innerDone", "outerJoin")
            .Connect("a", "outerJoin").Connect("outerJoin", "done");
        var (_, runtime, _) = TestFlow.Engine();
        var result = await StartAsync(runtime, flow, mode);
        result.Instance.Bookmarks.Select(b => b.ActivityId).Should().BeEquivalentTo(["a", "b1", "b2"]);

        result = await runtime.ResumeAsync(result.Instance.Id, BookmarkOf(result, "b2"));
        result = await runtime.ResumeAsync(result.Instance.Id, BookmarkOf(result, "a"));
        result.Output.Should().BeEmpty();
        result = await runtime.ResumeAsync(result.Instance.Id, BookmarkOf(result, "b1"));

        result.Output.Should().Equal("inner joined", "all joined");
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
    }

    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task A_loop_back_through_a_decision_repeats_until_the_condition_holds(FlowchartMode mode)
    {
        var flow = new TestFlow()
            .Variable("Round", "Int32", "0")
            .Add("start", "Elsa.Start")
            .Add("wait", "Elsa.Event", new { eventName = "review" })
            .Add("count", "Elsa.SetVariable", new
            {
                variable = new System.Text.Json.Nodes.JsonObject { ["id"] = "Round", ["name"] = "Round", ["typeName"] = "Int32" },
                value = TestFlow.Js("getRound() + 1", "Object"),
            })
            .Add("decide", "Elsa.FlowDecision", new { condition = TestFlow.Js("getRound() >= 3") })
            .Add("again", "Elsa.WriteLine", new { text = TestFlow.Js("'round ' + getRound() + ' again'", "String") })
            .Add("done", "Elsa.WriteLine", new { text = "done" })
            .Connect("start", "wait").Connect("wait", "count").Connect("count", "decide")
            .Connect("decide", "again", "False").Connect("again", "wait").Connect("decide", "done", "True");
        var (_, runtime, _) = TestFlow.Engine();
        var result = await StartAsync(runtime, flow, mode);
        var output = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            result.Instance.Bookmarks.Should().ContainSingle(b => b.ActivityId == "wait");
            result = await runtime.ResumeAsync(result.Instance.Id, BookmarkOf(result, "wait"));
            output.AddRange(result.Output);
        }

        output.Should().Equal("round 1 again", "round 2 again", "done");
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Instance.Variables["Round"]!.GetValue<long>().Should().Be(3);
    }
}
