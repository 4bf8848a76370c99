using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Runtime;

public class WorkflowRuntimeTests
{
    [Fact]
    public async Task The_same_idempotency_key_applies_once_and_answers_the_first_result()
    {
        var (services, runtime, _) = TestFlow.Engine();
        var started = await runtime.StartAsync(TestFlow.ParallelEvents(2, "WaitAll").Definition());
        var bookmark = started.Instance.Bookmarks[0].Id;
        var options = new ResumeWorkflowOptions { IdempotencyScope = "reviewer-fgw", IdempotencyKey = "k1" };

        var first = await runtime.ResumeAsync(started.Instance.Id, bookmark, new JsonObject { ["x"] = 1 }, options);
        var second = await runtime.ResumeAsync(started.Instance.Id, bookmark, new JsonObject { ["x"] = 1 }, options);

        first.Replayed.Should().BeFalse();
        second.Replayed.Should().BeTrue();
        second.RemovedBookmarks.Select(b => b.Id).Should().Equal(first.RemovedBookmarks.Select(b => b.Id));
        second.Journal.Select(j => j.Sequence).Should().Equal(first.Journal.Select(j => j.Sequence));
        var journal = await services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(started.Instance.Id);
        journal.Count(j => j.Event == JournalEventKind.Resumed).Should().Be(1);
        (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id))!.Version.Should().Be(2);
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_refused()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var started = await runtime.StartAsync(TestFlow.ParallelEvents(2, "WaitAll").Definition());
        var options = new ResumeWorkflowOptions { IdempotencyScope = "u", IdempotencyKey = "k" };
        await runtime.ResumeAsync(started.Instance.Id, started.Instance.Bookmarks[0].Id, null, options);

        var act = () => runtime.ResumeAsync(started.Instance.Id, started.Instance.Bookmarks[1].Id, null, options);

        await act.Should().ThrowAsync<IdempotencyKeyReusedException>();
    }

    [Fact]
    public async Task A_stale_row_version_is_a_concurrency_error_never_an_overwrite()
    {
        var (services, runtime, _) = TestFlow.Engine();
        var store = services.GetRequiredService<IWorkflowInstanceStore>();
        var started = await runtime.StartAsync(TestFlow.ParallelEvents(2, "WaitAll").Definition());
        var stale = (await store.FindAsync(started.Instance.Id))!;
        await runtime.ResumeAsync(started.Instance.Id, stale.Bookmarks[0].Id);

        stale.Name = "overwritten";
        var act = () => store.UpdateAsync(stale, []);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.FindAsync(started.Instance.Id))!.Name.Should().NotBe("overwritten");
    }

    [Fact]
    public async Task Concurrent_resumes_of_different_bookmarks_all_apply()
    {
        var (_, runtime, _) = TestFlow.Engine(o => o.MaxConcurrencyRetries = 50);
        var started = await runtime.StartAsync(TestFlow.ParallelEvents(4, "WaitAll").Definition());

        var results = await Task.WhenAll(started.Instance.Bookmarks.Select(b => Task.Run(() => runtime.ResumeAsync(started.Instance.Id, b.Id))));

        results.SelectMany(r => r.Output).Should().Equal("joined");
        results.Should().ContainSingle(r => r.SubStatus == WorkflowSubStatus.Finished);
    }

    [Fact]
    public async Task Resuming_a_consumed_bookmark_is_refused_with_a_clear_message()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var started = await runtime.StartAsync(TestFlow.ParallelEvents(2, "WaitAll").Definition());
        var bookmark = started.Instance.Bookmarks[0].Id;
        await runtime.ResumeAsync(started.Instance.Id, bookmark);

        var act = () => runtime.ResumeAsync(started.Instance.Id, bookmark);

        (await act.Should().ThrowAsync<WorkflowRuntimeException>()).Which.Message.Should().Contain(bookmark).And.Contain("not open");
    }

    [Fact]
    public async Task Starts_a_stored_published_definition_and_resumes_it_through_the_store()
    {
        var (services, runtime, _) = TestFlow.Engine();
        var definitions = services.GetRequiredService<IWorkflowDefinitionStore>();
        var v1 = await definitions.SaveAsync("test", "Test", null, TestFlow.ParallelEvents(1, "WaitAll").Json(), publish: true);
        var started = await runtime.StartAsync("test");
        started.Instance.DefinitionVersionId.Should().Be(v1.Id);
        await definitions.SaveAsync("test", "Test", null, new TestFlow().Add("w", "Elsa.WriteLine", new { text = "v2" }).Json(), publish: true);

        var result = await runtime.ResumeAsync(started.Instance.Id, started.Instance.Bookmarks[0].Id);

        result.Output.Should().Equal("joined");
    }

    [Fact]
    public async Task A_failing_script_faults_the_instance_and_names_the_activity()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var flow = new TestFlow().Add("d", "Elsa.FlowDecision", new { condition = TestFlow.Js("undefinedFunction()") });

        var result = await runtime.StartAsync(flow.Definition());

        result.Status.Should().Be(WorkflowStatus.Finished);
        result.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        result.Instance.Fault!.ActivityId.Should().Be("d");
        result.Instance.Fault.Message.Should().Contain("undefinedFunction");
    }

    [Fact]
    public async Task Fault_activity_faults_with_its_message_and_code()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var flow = new TestFlow().Add("f", "Elsa.Fault", new { message = "that went south", code = "110002" });
        var result = await runtime.StartAsync(flow.Definition());
        result.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        result.Instance.Fault.Should().Be(new WorkflowFault("f", "that went south", "110002"));
    }

    [Theory]
    [InlineData("Elsa.End")]
    [InlineData("Elsa.Finish")]
    public async Task End_and_Finish_cancel_the_other_waiting_paths(string type)
    {
        var (_, runtime, _) = TestFlow.Engine();
        var flow = new TestFlow().Add("start", "Elsa.Start").Add("wait", "Elsa.Event", new { eventName = "x" }).Add("stop", type)
            .Connect("start", "wait").Connect("start", "stop");
        var result = await runtime.StartAsync(flow.Definition());
        result.SubStatus.Should().Be(WorkflowSubStatus.Finished);
        result.Instance.Bookmarks.Should().BeEmpty();
        result.Journal.Should().Contain(j => j.ActivityId == "wait" && j.Event == JournalEventKind.Cancelled);
    }

    [Fact]
    public async Task JavaScript_sees_input_and_variables_and_return_runs_as_a_function_body()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var flow = new TestFlow().Variable("Greeting", "String", "Hello")
            .Add("w", "Elsa.WriteLine", new { text = TestFlow.Js("var who = input.name; setVariable('Seen', true); return getGreeting() + ', ' + who;", "String") })
            .Add("x", "Elsa.WriteLine", new { text = TestFlow.Js("getVariable('Seen') ? 'seen' : 'unseen'", "String") })
            .Connect("w", "x");
        var result = await runtime.StartAsync(flow.Definition(), new StartWorkflowOptions { Input = new JsonObject { ["name"] = "张三" } });
        result.Output.Should().Equal("Hello, 张三", "seen");
    }
}
