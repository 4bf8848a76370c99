using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;

namespace Workflow.Engine.Tests.Runtime;

/// <summary>Switches, nested flowcharts and the merge modes of implicit joins.</summary>
public class FlowchartSemanticsTests
{
    private static Model.ExpressionInput Cases(string json) => new("Object", "Object", JsonValue.Create(json));

    [Theory]
    [InlineData("MatchFirst", 5, new[] { "small" })]
    [InlineData("MatchAny", 5, new[] { "small", "odd" })]
    [InlineData("MatchFirst", 100, new[] { "default" })]
    public async Task FlowSwitch_takes_the_matching_cases_or_Default(string mode, int n, string[] expected)
    {
        var flow = new TestFlow()
            .Add("switch", "Elsa.FlowSwitch", new
            {
                mode = mode,
                cases = new JsonArray(
                    new JsonObject { ["label"] = "Small", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "input.n < 10" } },
                    new JsonObject { ["label"] = "Odd", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "input.n % 2 == 1" } }),
            })
            .Add("small", "Elsa.WriteLine", new { text = "small" }).Add("odd", "Elsa.WriteLine", new { text = "odd" }).Add("default", "Elsa.WriteLine", new { text = "default" })
            .Connect("switch", "small", "Small").Connect("switch", "odd", "Odd").Connect("switch", "default", "Default");
        var (_, runtime, _) = TestFlow.Engine();

        var result = await runtime.StartAsync(flow.Definition(), new StartWorkflowOptions { Input = new JsonObject { ["n"] = n } });

        result.Output.Should().Equal(expected);
    }

    [Theory]
    [InlineData(FlowchartMode.Token)]
    [InlineData(FlowchartMode.Counter)]
    public async Task A_bookmark_inside_a_FlowNode_body_resumes_and_completes_the_FlowNode(FlowchartMode mode)
    {
        const string json = """
            {"id":"v1","definitionId":"nested","root":{"id":"root","type":"Elsa.Flowchart","activities":[
              {"id":"start","type":"Elsa.Start"},
              {"id":"node","type":"Elsa.FlowNode","body":{"id":"body","type":"Elsa.Flowchart","activities":[
                  {"id":"inner","type":"Elsa.Event","eventName":{"typeName":"String","expression":{"type":"Literal","value":"x"}}},
                  {"id":"innerLine","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"Literal","value":"inside"}}}],
                 "connections":[{"source":{"activity":"inner","port":"Done"},"target":{"activity":"innerLine","port":"In"}}]}},
              {"id":"after","type":"Elsa.WriteLine","text":{"typeName":"String","expression":{"type":"Literal","value":"after"}}}],
             "connections":[{"source":{"activity":"start","port":"Done"},"target":{"activity":"node","port":"In"}},
                            {"source":{"activity":"node","port":"Done"},"target":{"activity":"after","port":"In"}}]}}
            """;
        var (_, runtime, _) = TestFlow.Engine();
        var started = await runtime.StartAsync(WorkflowDefinitionReader.Read(json).Definition!, new StartWorkflowOptions { FlowchartMode = mode });
        var bookmark = started.Instance.Bookmarks.Should().ContainSingle().Subject;
        bookmark.NodeId.Should().Be("root:node:body:inner");

        var result = await runtime.ResumeAsync(started.Instance.Id, bookmark.Id);

        result.Output.Should().Equal("inside", "after");
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
    }

    private static TestFlow ForkWithOneSlowBranch(string? mergeMode) => new TestFlow()
        .Add("start", "Elsa.Start")
        .Add("fast", "Elsa.WriteLine", new { text = "fast" })
        .Add("slow", "Elsa.Event", new { eventName = "slow" })
        .Add("merge", "Elsa.WriteLine", new { text = "merged" }, mergeMode)
        .Connect("start", "fast").Connect("start", "slow").Connect("fast", "merge").Connect("slow", "merge");

    [Theory]
    [InlineData(null, new[] { "fast" }, new[] { "fast", "merged" })]
    [InlineData("Stream", new[] { "fast" }, new[] { "fast", "merged" })]
    [InlineData("Merge", new[] { "fast" }, new[] { "fast", "merged" })]
    [InlineData("Cascade", new[] { "fast", "merged" }, new[] { "fast", "merged", "merged" })]
    [InlineData("Race", new[] { "fast", "merged" }, new[] { "fast", "merged" })]
    public async Task Token_mode_merge_modes(string? mergeMode, string[] beforeResume, string[] atEnd)
    {
        var (_, runtime, _) = TestFlow.Engine();
        var started = await runtime.StartAsync(ForkWithOneSlowBranch(mergeMode).Definition(), new StartWorkflowOptions { FlowchartMode = FlowchartMode.Token });
        started.Output.Should().Equal(beforeResume);

        var result = await runtime.ResumeAllAsync(started);

        result.Output.Should().Equal(atEnd);
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
    }

    [Fact]
    public async Task Race_cancels_the_slower_branch()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var started = await runtime.StartAsync(ForkWithOneSlowBranch("Race").Definition(), new StartWorkflowOptions { FlowchartMode = FlowchartMode.Token });
        started.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        started.Journal.Should().Contain(j => j.ActivityId == "slow" && j.Event == JournalEventKind.Cancelled);
    }

    [Fact]
    public async Task Execution_state_survives_the_store_between_resumes_in_counter_mode()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var result = await runtime.StartAsync(TestFlow.ParallelEvents(3, "WaitAll").Definition(), new StartWorkflowOptions { FlowchartMode = FlowchartMode.Counter });
        result.Instance.ExecutionState["mode"]!.GetValue<string>().Should().Be("Counter");
        foreach (var id in result.Instance.Bookmarks.Select(b => b.Id).ToList())
            result = await runtime.ResumeAsync(result.Instance.Id, id);
        result.Output.Should().Equal("joined");
    }
}
