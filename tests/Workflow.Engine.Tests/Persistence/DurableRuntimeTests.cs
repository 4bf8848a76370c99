using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>The runtime on a real SQLite file: instances survive the process, concurrent resumes never both apply, keys apply once.</summary>
public class DurableRuntimeTests
{
    private static string Definition() => new TestFlow()
        .Add("start", "Elsa.WriteLine", new { text = "before" })
        .Add("wait", "Elsa.Event", new { eventName = "Approved" })
        .Add("end", "Elsa.WriteLine", new { text = "after" })
        .Connect("start", "wait").Connect("wait", "end")
        .Json();

    private static async Task<(ServiceProvider Services, WorkflowRuntime Runtime)> OpenAsync(SqliteTestDatabase database)
    {
        var services = await database.OpenAsync(s => s.AddWorkflowEngine());
        return (services, services.GetRequiredService<WorkflowRuntime>());
    }

    private static async Task<WorkflowRunResult> StartSuspendedAsync(SqliteTestDatabase database)
    {
        var (services, runtime) = await OpenAsync(database);
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("test", "Test", null, Definition(), publish: true);
        var started = await runtime.StartAsync("test");
        started.Instance.SubStatus.Should().Be(WorkflowSubStatus.Suspended);
        return started;
    }

    [Fact]
    public async Task A_resume_writes_only_the_bookmark_it_consumed_and_the_others_load_back_in_order()
    {
        // Issue #16, "constant cost per step": resuming one of five waiting branches deletes that one bookmark row and
        // writes no other (before: the whole set was deleted and inserted again on every resume).
        await using var database = new SqliteTestDatabase();
        var commands = new Workflow.Testing.CommandCounter();
        var services = await database.OpenAsync(s => s.AddWorkflowEngine().AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(commands));
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("fork", "Fork", null, TestFlow.ParallelEvents(5, "WaitAll").Json(), publish: true);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var started = await runtime.StartAsync("fork");
        var waiting = started.Instance.Bookmarks.Select(b => b.Id).ToList();
        waiting.Should().HaveCount(5);

        commands.Reset();
        var resumed = await runtime.ResumeAsync(started.Instance.Id, waiting[0]);
        var sql = string.Join("\n", commands.Texts);

        System.Text.RegularExpressions.Regex.Count(sql, "DELETE FROM wf_bookmarks").Should().Be(1, sql);
        sql.Should().NotContain("INSERT INTO wf_bookmarks").And.NotContain("UPDATE wf_bookmarks");
        resumed.Instance.Bookmarks.Select(b => b.Id).Should().Equal(waiting.Skip(1));
        var (_, reopened) = await OpenAsync(database);
        var second = await reopened.ResumeAsync(started.Instance.Id, waiting[2]);
        second.Instance.Bookmarks.Select(b => b.Id).Should().Equal(waiting[1], waiting[3], waiting[4]);
        var loaded = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id);
        loaded!.Bookmarks.Select(b => b.Id).Should().Equal(waiting[1], waiting[3], waiting[4]);
    }

    [Fact]
    public async Task A_save_of_hundreds_of_rows_is_sent_as_multi_row_statements_in_commands_of_bounded_size()
    {
        // Issue #16, "cost per completion at K=300": the fork of a 300-wide review opens 300 bookmarks and hundreds of
        // state parts in one save. Sent as one command of a statement per row, Microsoft.Data.Sqlite bound every
        // parameter of the command to every statement (statements × parameters): 1.4 s for that one save
        // (docs/benchmarks.md, "2026-12-01 (3)"). Now rows go as multi-row INSERTs (and vanished rows as DELETE … IN),
        // each statement a command with only its own parameters, at most ten rows per INSERT: binding by name costs
        // each parameter a scan of the statement's names (docs/benchmarks.md, "2026-12-02 (2)").
        await using var database = new SqliteTestDatabase();
        var commands = new Workflow.Testing.CommandCounter();
        var services = await database.OpenAsync(s => s.AddWorkflowEngine().AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(commands));
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("fork", "Fork", null, TestFlow.ParallelEvents(300, "WaitAll").Json(), publish: true);
        var runtime = services.GetRequiredService<WorkflowRuntime>();

        commands.Reset();
        var started = await runtime.StartAsync("fork");
        started.Instance.Bookmarks.Should().HaveCount(300);
        var bookmarkInserts = commands.Sent.Where(c => c.Text.StartsWith("INSERT INTO wf_bookmarks", StringComparison.Ordinal)).ToList();
        bookmarkInserts.Should().HaveCount(30, "300 rows, ten per statement");
        bookmarkInserts.Should().OnlyContain(c => System.Text.RegularExpressions.Regex.Count(c.Text, ";") == 0, "one statement per command");
        bookmarkInserts.Select(c => c.Text).Distinct().Should().ContainSingle("the same shape of statement is the same text, kept prepared");
        commands.Sent.Where(c => c.Text.StartsWith("INSERT INTO wf_state_parts", StringComparison.Ordinal)).Should().NotBeEmpty();
        commands.Sent.Should().OnlyContain(c => c.Parameters.Count <= 100);

        commands.Reset();
        await runtime.CancelAsync(started.Instance.Id);
        var cancelSql = string.Join("\n", commands.Texts);
        System.Text.RegularExpressions.Regex.Count(cancelSql, "DELETE FROM wf_bookmarks").Should().Be(4, "300 ids in IN lists of at most 99 (SaveStatements.MaxParametersPerSqliteStatement)");

        var loaded = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id);
        loaded!.Bookmarks.Should().BeEmpty();
        (loaded.Status, loaded.SubStatus).Should().Be((WorkflowStatus.Finished, WorkflowSubStatus.Cancelled));
    }

    [Fact]
    public async Task Three_hundred_bookmarks_opened_in_one_save_load_back_in_order_and_resume()
    {
        await using var database = new SqliteTestDatabase();
        var (services, runtime) = await OpenAsync(database);
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("fork", "Fork", null, TestFlow.ParallelEvents(300, "WaitAll").Json(), publish: true);
        var started = await runtime.StartAsync("fork");
        var waiting = started.Instance.Bookmarks.Select(b => b.Id).ToList();

        var loaded = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id);
        loaded!.Bookmarks.Select(b => b.Id).Should().Equal(waiting);
        loaded.ExecutionState.ToJsonString().Should().Be(started.Instance.ExecutionState.ToJsonString());
        var resumed = await runtime.ResumeAsync(started.Instance.Id, waiting[150]);
        resumed.Instance.Bookmarks.Select(b => b.Id).Should().Equal(waiting.Where((_, i) => i != 150));
    }

    [Fact]
    public async Task A_resume_sets_only_the_instance_columns_that_changed()
    {
        // SQLite rewrites an index whenever one of its columns is assigned, even to the same value: setting every column
        // wrote the pages of wf_instances' definition, correlation and status indexes on every resume (issue #16, bytes
        // per instance; docs/benchmarks.md, "2026-12-01 (3)").
        await using var database = new SqliteTestDatabase();
        var commands = new Workflow.Testing.CommandCounter();
        var services = await database.OpenAsync(s => s.AddWorkflowEngine().AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(commands));
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("fork", "Fork", null, TestFlow.ParallelEvents(2, "WaitAll").Json(), publish: true);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var started = await runtime.StartAsync("fork");
        var waiting = started.Instance.Bookmarks.Select(b => b.Id).ToList();

        commands.Reset();
        await runtime.ResumeAsync(started.Instance.Id, waiting[0]);
        var first = commands.Texts.Single(t => t.StartsWith("UPDATE wf_instances", StringComparison.Ordinal));
        first.Should().Contain("version =");
        foreach (var unchanged in new[] { "definition_id =", "definition_version =", "correlation_id =", "status =", "input =", "created_at =", "is_test =" })
            first.Should().NotContain(unchanged, "the resume left it as it was");

        commands.Reset();
        var finished = await runtime.ResumeAsync(started.Instance.Id, waiting[1]);
        finished.Instance.Status.Should().Be(WorkflowStatus.Finished);
        var last = commands.Texts.Single(t => t.StartsWith("UPDATE wf_instances", StringComparison.Ordinal));
        last.Should().Contain(" status =").And.Contain("sub_status =").And.Contain("finished_at =");
        var loaded = await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(started.Instance.Id);
        (loaded!.Status, loaded.SubStatus, loaded.FinishedAt).Should().Be((WorkflowStatus.Finished, WorkflowSubStatus.Finished, finished.Instance.FinishedAt));
        loaded.DefinitionId.Should().Be("fork");
    }

    [Fact]
    public async Task A_suspended_instance_resumes_in_a_new_service_provider_on_the_same_file_and_finishes()
    {
        await using var database = new SqliteTestDatabase();
        var started = await StartSuspendedAsync(database);
        var bookmark = started.Instance.Bookmarks.Single();
        await database.DisposeProvidersAsync();

        var (_, runtime) = await OpenAsync(database);
        var resumed = await runtime.ResumeAsync(started.Instance.Id, bookmark.Id);

        (resumed.Instance.Status, resumed.Instance.SubStatus).Should().Be((WorkflowStatus.Finished, WorkflowSubStatus.Finished));
        resumed.Output.Should().Equal("after");
        resumed.Instance.Bookmarks.Should().BeEmpty();
    }

    [Fact]
    public async Task A_check_before_the_resume_that_refuses_saves_nothing_and_the_bookmark_still_waits()
    {
        await using var database = new SqliteTestDatabase();
        var started = await StartSuspendedAsync(database);
        var bookmark = started.Instance.Bookmarks.Single();
        var (_, runtime) = await OpenAsync(database);
        WorkflowInstance? checkedInstance = null;

        var refused = () => runtime.ResumeAsync(started.Instance.Id, bookmark.Id, null, new ResumeWorkflowOptions
        {
            BeforeResume = instance => { checkedInstance = instance; throw new InvalidOperationException("refused by the domain"); },
        });

        await refused.Should().ThrowAsync<InvalidOperationException>().WithMessage("refused by the domain");
        checkedInstance!.Bookmarks.Select(b => b.Id).Should().Equal([bookmark.Id], "the check sees the instance as loaded for this resume");
        var resumed = await runtime.ResumeAsync(started.Instance.Id, bookmark.Id);
        resumed.Output.Should().Equal("after");
    }

    [Fact]
    public async Task A_published_version_retracted_and_edited_in_place_resumes_with_the_edit_not_the_cached_parse()
    {
        await using var database = new SqliteTestDatabase();
        var (services, runtime) = await OpenAsync(database);
        var store = services.GetRequiredService<IWorkflowDefinitionStore>();
        await store.SaveAsync("test", "Test", null, Definition(), publish: true);
        var first = await runtime.StartAsync("test");
        var second = await runtime.StartAsync("test");
        (await runtime.ResumeAsync(first.Instance.Id, first.Instance.Bookmarks.Single().Id)).Output.Should().Equal("after"); // parsed and cached

        await store.RetractAsync("test");
        var edited = Definition().Replace("\"after\"", "\"edited\"", StringComparison.Ordinal);
        (await store.SaveAsync("test", "Test", null, edited, publish: false)).Version.Should().Be(1, "a retracted version is a draft that saves in place");

        var resumed = await runtime.ResumeAsync(second.Instance.Id, second.Instance.Bookmarks.Single().Id);
        resumed.Output.Should().Equal("edited");
    }

    [Fact]
    public async Task A_version_re_published_in_place_on_another_host_is_not_resumed_with_this_hosts_old_parse()
    {
        // Two hosts on one database file: each has its own parsed-definition cache (docs/deployment.md, "Several hosts").
        await using var database = new SqliteTestDatabase();
        var (servicesA, hostA) = await OpenAsync(database);
        var (servicesB, _) = await OpenAsync(database);
        await servicesA.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("test", "Test", null, Definition(), publish: true);
        var first = await hostA.StartAsync("test");
        var second = await hostA.StartAsync("test");
        var third = await hostA.StartAsync("test");
        (await hostA.ResumeAsync(first.Instance.Id, first.Instance.Bookmarks.Single().Id)).Output.Should().Equal("after"); // A parses and keeps it
        var versionId = first.Instance.DefinitionVersionId;
        var stamp = (await servicesA.GetRequiredService<IWorkflowDefinitionStore>().FindPublishedStampAsync(versionId))!.Value;
        servicesA.GetRequiredService<ParsedDefinitionCache>().TryGet(versionId, stamp, out _).Should().BeTrue("A keeps the parse of the published version");

        var storeB = servicesB.GetRequiredService<IWorkflowDefinitionStore>();
        await storeB.RetractAsync("test");
        var edited = Definition().Replace("\"after\"", "\"edited on B\"", StringComparison.Ordinal);
        var republished = await storeB.SaveAsync("test", "Test", null, edited, publish: true);
        republished.Id.Should().Be(versionId, "retract, save and publish keep the version id: only the row version tells the change");

        (await hostA.ResumeAsync(second.Instance.Id, second.Instance.Bookmarks.Single().Id)).Output.Should().Equal("edited on B");
        var newStamp = (await storeB.FindPublishedStampAsync(versionId))!.Value;
        newStamp.Should().NotBe(stamp);
        servicesA.GetRequiredService<ParsedDefinitionCache>().TryGet(versionId, newStamp, out _).Should().BeTrue("A keeps the new parse for the next resumes");
        (await hostA.ResumeAsync(third.Instance.Id, third.Instance.Bookmarks.Single().Id)).Output.Should().Equal("edited on B");
    }

    [Fact]
    public async Task A_start_keeps_the_parse_of_the_published_version_and_a_re_publish_elsewhere_starts_the_edit()
    {
        // Issue #16: a start used to parse and validate the stored JSON every time (1.2 ms of every 8 steps at K=6);
        // now it keeps the parse under the version's row version, like a resume (docs/benchmarks.md, "2026-12-01 (3)").
        await using var database = new SqliteTestDatabase();
        var (servicesA, hostA) = await OpenAsync(database);
        var (servicesB, _) = await OpenAsync(database);
        var published = await servicesA.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("test", "Test", null, Definition(), publish: true);
        var cache = servicesA.GetRequiredService<ParsedDefinitionCache>();

        (await hostA.StartAsync("test")).Output.Should().Equal("before");
        cache.TryGet(published.Id, published.RowVersion, out var kept).Should().BeTrue("the start keeps the parse");
        (await hostA.StartAsync("test")).Output.Should().Equal("before");
        cache.TryGet(published.Id, published.RowVersion, out var again).Should().BeTrue();
        again.Should().BeSameAs(kept, "the second start used the kept parse");

        var storeB = servicesB.GetRequiredService<IWorkflowDefinitionStore>();
        await storeB.RetractAsync("test");
        await storeB.SaveAsync("test", "Test", null, Definition().Replace("\"before\"", "\"edited on B\"", StringComparison.Ordinal), publish: true);
        (await hostA.StartAsync("test")).Output.Should().Equal("edited on B");
    }

    [Fact]
    public async Task Two_concurrent_resumes_of_one_bookmark_from_two_processes_apply_once()
    {
        await using var database = new SqliteTestDatabase();
        var started = await StartSuspendedAsync(database);
        var bookmark = started.Instance.Bookmarks.Single();
        var (_, first) = await OpenAsync(database);
        var (_, second) = await OpenAsync(database);

        var attempts = await Task.WhenAll(
            Task.Run(() => Outcome(() => first.ResumeAsync(started.Instance.Id, bookmark.Id))),
            Task.Run(() => Outcome(() => second.ResumeAsync(started.Instance.Id, bookmark.Id))));

        attempts.Count(a => a is null).Should().Be(1, "exactly one resume applies");
        attempts.Single(a => a is not null).Should().Match<Exception>(e => e is WorkflowRuntimeException || e is ConcurrencyConflictException);
        var (services, _) = await OpenAsync(database);
        var journal = await services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(started.Instance.Id);
        journal.Count(j => j.ActivityId == "end" && j.Event == JournalEventKind.Completed).Should().Be(1);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_applies_once_on_the_file()
    {
        await using var database = new SqliteTestDatabase();
        var started = await StartSuspendedAsync(database);
        var bookmark = started.Instance.Bookmarks.Single();
        var key = new ResumeWorkflowOptions { IdempotencyScope = "reviewer-zjj", IdempotencyKey = "k-1" };
        var (_, runtime) = await OpenAsync(database);

        var first = await runtime.ResumeAsync(started.Instance.Id, bookmark.Id, null, key);
        var again = await runtime.ResumeAsync(started.Instance.Id, bookmark.Id, null, key);

        first.Replayed.Should().BeFalse();
        again.Replayed.Should().BeTrue();
        again.Instance.Version.Should().Be(first.Instance.Version, "the replay wrote nothing");
        again.Output.Should().Equal(first.Output);
    }

    private static async Task<Exception?> Outcome(Func<Task> act)
    {
        try
        {
            await act();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
