using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Engine.Activities;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Activities;

/// <summary>
/// A domain-shaped activity on the plug-in API: one bookmark per department, each with a payload; resumed with JSON
/// input; its own state; it decides on each resume whether to complete; completing cancels its remaining bookmarks.
/// </summary>
public class ParallelReviewActivityTests
{
    [Activity("Test", "Review", "Asks several departments at once; any rejection ends it.")]
    [FlowOutcomes("Approved", "Rejected")]
    public sealed class ParallelReview(IClock clock) : Activity
    {
        [Input(Description = "Department codes.", TypeName = "String[]")]
        public Input<string[]> Departments { get; set; } = new();

        public override ValueTask ExecuteAsync(ActivityExecutionContext context)
        {
            foreach (var department in context.Get(Departments) ?? [])
                context.CreateBookmark("HumanTask", new JsonObject { ["department"] = department, ["askedAt"] = clock.GetCurrentInstant().ToString() });
            context.State["approvals"] = 0;
            return ValueTask.CompletedTask;
        }

        public override ValueTask ResumeAsync(ActivityExecutionContext context)
        {
            var decision = context.ResumeInput?["decision"]?.GetValue<string>();
            if (decision == "reject")
                context.Complete("Rejected");
            else
            {
                context.State["approvals"] = context.State["approvals"]!.GetValue<int>() + 1;
                if (context.Bookmarks.Count == 0) context.Complete("Approved");
            }
            return ValueTask.CompletedTask;
        }
    }

    private static TestFlow Flow() => new TestFlow()
        .Add("start", "Elsa.Start")
        .Add("review", "Test.ParallelReview", new { departments = new Model.ExpressionInput("String[]", "Object", JsonValue.Create("[\"fgw\",\"zrzy\",\"sthj\"]")) })
        .Add("ok", "Elsa.WriteLine", new { text = "approved" })
        .Add("no", "Elsa.WriteLine", new { text = "rejected" })
        .Connect("start", "review").Connect("review", "ok", "Approved").Connect("review", "no", "Rejected");

    [Fact]
    public async Task Creates_one_bookmark_per_department_with_its_payload()
    {
        var (_, runtime, _) = TestFlow.Engine(o => o.AddActivity<ParallelReview>());
        var result = await runtime.StartAsync(Flow().Definition());

        result.CreatedBookmarks.Select(b => b.Payload!["department"]!.GetValue<string>()).Should().Equal("fgw", "zrzy", "sthj");
        result.CreatedBookmarks.Should().OnlyContain(b => b.Kind == "HumanTask" && b.ActivityType == "Test.ParallelReview");
        result.Journal.Count(j => j.Event == JournalEventKind.BookmarkCreated).Should().Be(3);
        result.SubStatus.Should().Be(WorkflowSubStatus.Suspended);
    }

    [Fact]
    public async Task Completes_when_every_department_approved()
    {
        var (_, runtime, _) = TestFlow.Engine(o => o.AddActivity<ParallelReview>());
        var result = await runtime.StartAsync(Flow().Definition());
        foreach (var bookmark in result.CreatedBookmarks)
        {
            result.Output.Should().BeEmpty();
            result = await runtime.ResumeAsync(result.Instance.Id, bookmark.Id, new JsonObject { ["decision"] = "approve" });
        }
        result.Output.Should().Equal("approved");
        result.Instance.ExecutionState["nodes"]!["flowchart1:review"]!["approvals"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task A_rejection_completes_it_and_cancels_the_other_bookmarks()
    {
        var (_, runtime, _) = TestFlow.Engine(o => o.AddActivity<ParallelReview>());
        var started = await runtime.StartAsync(Flow().Definition());

        var result = await runtime.ResumeAsync(started.Instance.Id, started.CreatedBookmarks[1].Id, new JsonObject { ["decision"] = "reject" });

        result.Output.Should().Equal("rejected");
        result.Instance.Bookmarks.Should().BeEmpty();
        result.RemovedBookmarks.Should().HaveCount(3);
        result.Journal.Where(j => j.Event == JournalEventKind.Cancelled).Should().HaveCount(2);
        result.Journal.Single(j => j.Event == JournalEventKind.Completed && j.ActivityId == "review").Outcome.Should().Be("Rejected");
    }

    [Fact]
    public async Task Delay_bookmark_is_due_after_its_time_span_on_the_injected_clock()
    {
        var (_, runtime, clock) = TestFlow.Engine();
        var flow = new TestFlow().Add("d", "Elsa.Delay", new { timeSpan = "00:05:00" });
        var result = await runtime.StartAsync(flow.Definition());
        result.Instance.Bookmarks.Single().ResumeAt.Should().Be(clock.GetCurrentInstant() + Duration.FromMinutes(5));
        result.Instance.Bookmarks.Single().Kind.Should().Be("Delay");
    }

    [Fact]
    public void Descriptors_have_the_Studio_shape_and_pluggable_options()
    {
        var (services, _, _) = TestFlow.Engine(o => o.AddActivity<ParallelReview>().AddOptionsProvider<DepartmentOptions>("Test.ParallelReview", "Departments"));
        var all = services.GetRequiredService<ActivityDescriptorGenerator>().DescribeAll()["items"]!.AsArray();

        var review = all.Single(d => d!["typeName"]!.GetValue<string>() == "Test.ParallelReview")!;
        review["category"]!.GetValue<string>().Should().Be("Review");
        review["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Equal("Approved", "Rejected");
        review["ports"]!.AsArray().Should().OnlyContain(p => p!["type"]!.GetValue<string>() == "Flow");
        var input = review["inputs"]!.AsArray().Single()!;
        input["name"]!.GetValue<string>().Should().Be("Departments");
        input["uiHint"]!.GetValue<string>().Should().Be("dropdown");
        input["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).Should().Equal("fgw", "zrzy");

        var decision = all.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.FlowDecision")!;
        decision["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Equal("True", "False");
        all.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.End")!["isTerminal"]!.GetValue<bool>().Should().BeTrue();
        all.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.Start")!["isStart"]!.GetValue<bool>().Should().BeTrue();
        var join = all.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.FlowJoin")!;
        join["inputs"]![0]!["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>())
            .Should().Contain(["WaitAny", "WaitAll", "Quorum"]);
    }

    public sealed class DepartmentOptions : IInputOptionsProvider
    {
        public IReadOnlyList<InputOption> GetOptions(string activityTypeName, string inputName) => [new("fgw", "发展改革"), new("zrzy", "自然资源和规划")];
    }
}
