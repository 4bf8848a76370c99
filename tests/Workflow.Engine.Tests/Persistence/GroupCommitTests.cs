using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// Group commit on SQLite (docs/persistence.md, *Durability*; issue #16, "writers that scale"): concurrent saves share
/// one transaction, each in a savepoint; none is answered before its group committed; a failing one fails alone.
/// The groups are formed with the committer's hooks (a barrier before COMMIT), never with timing.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_save_is_not_acknowledged_before_its_group_commits()
    {
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync();
        var groups = services.GetRequiredService<EfWorkflowInstanceStore>().GroupCommit!;
        var reachedCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mayCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        groups.BeforeCommit = async _ => { reachedCommit.TrySetResult(); await mayCommit.Task; };

        var insert = TestDatabases.Instances(services).InsertAsync(InstanceSamples.Suspended(), []);
        await reachedCommit.Task.WaitAsync(TimeSpan.FromSeconds(30));

        insert.IsCompleted.Should().BeFalse("the save is written but its group has not committed");
        db.Scalar("SELECT COUNT(*) FROM wf_instances;").Should().Be(0L, "another connection sees nothing before the commit");
        mayCommit.SetResult();
        await insert.WaitAsync(TimeSpan.FromSeconds(30));
        db.Scalar("SELECT COUNT(*) FROM wf_instances;").Should().Be(1L);
    }

    [Fact]
    public async Task A_group_where_one_save_fails_commits_the_others()
    {
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync();
        var store = TestDatabases.Instances(services);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            var sample = InstanceSamples.Suspended(id);
            sample.Bookmarks = []; // bookmark ids are unique across instances
            await store.InsertAsync(sample, []);
        }
        var copies = new Dictionary<string, WorkflowInstance>();
        foreach (var id in new[] { "a", "b", "c", "d" }) copies[id] = (await store.FindAsync(id))!;
        var groups = services.GetRequiredService<EfWorkflowInstanceStore>().GroupCommit!;
        var sizes = new List<int>();
        groups.Committed = sizes.Add;
        var firstAtCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mayCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        groups.BeforeCommit = async _ => { firstAtCommit.TrySetResult(); await mayCommit.Task; };

        // "a" holds the writer at its commit, so b, c and d queue up and form the next group together.
        copies["a"].Variables["n"] = "a";
        var a = store.UpdateAsync(copies["a"], []);
        await firstAtCommit.Task.WaitAsync(TimeSpan.FromSeconds(30));
        copies["b"].Variables["n"] = "b";
        copies["c"].Variables["n"] = "c";
        copies["c"].Version = 7; // stale: refused
        copies["d"].Variables["n"] = "d";
        var b = store.UpdateAsync(copies["b"], [InstanceSamples.Line("b", 1)]);
        var c = store.UpdateAsync(copies["c"], [InstanceSamples.Line("c", 1)]);
        var d = store.UpdateAsync(copies["d"], [InstanceSamples.Line("d", 1)]);
        mayCommit.SetResult();

        await Task.WhenAll(a, b, d).WaitAsync(TimeSpan.FromSeconds(30));
        var refused = await c.Awaiting(t => t.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<ConcurrencyConflictException>();
        refused.Which.ActualVersion.Should().Be(1);

        sizes.Should().Equal([1, 3], "b, c and d were committed as one group");
        foreach (var id in new[] { "a", "b", "d" })
        {
            var stored = (await store.FindAsync(id))!;
            stored.Version.Should().Be(2);
            stored.Variables["n"]!.GetValue<string>().Should().Be(id);
        }
        var untouched = (await store.FindAsync("c"))!;
        untouched.Version.Should().Be(1);
        untouched.Variables.ContainsKey("n").Should().BeFalse();
        (await store.GetJournalAsync("c")).Should().BeEmpty("the refused save's journal line rolled back with it");
        (await store.GetJournalAsync("d")).Should().ContainSingle();
    }

    [Fact]
    public async Task Eight_writers_on_sqlite_finish_every_instance_exactly_once()
    {
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync(s => s.AddWorkflowEngine());
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("fork", "Fork", null, TestFlow.ParallelEvents(4, "WaitAll").Json(), publish: true);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var saves = 0;
        services.GetRequiredService<EfWorkflowInstanceStore>().GroupCommit!.Committed = n => Interlocked.Add(ref saves, n);
        const int Workers = 8, PerWorker = 4;

        var finished = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var ids = new List<string>();
            for (var i = 0; i < PerWorker; i++)
            {
                var run = await runtime.StartAsync("fork");
                while (run.Status == WorkflowStatus.Running && run.Instance.Bookmarks.Count > 0)
                    run = await runtime.ResumeAsync(run.Instance.Id, run.Instance.Bookmarks[^1].Id);
                ids.Add(run.Instance.Id);
            }
            return ids;
        })));

        var store = TestDatabases.Instances(services);
        foreach (var id in finished.SelectMany(x => x))
        {
            var instance = (await store.FindAsync(id))!;
            instance.Status.Should().Be(WorkflowStatus.Finished);
            instance.Bookmarks.Should().BeEmpty();
            instance.Version.Should().Be(5, "one insert and one update per bookmark (four branches)");
            var journal = await store.GetJournalAsync(id);
            journal.Select(j => j.Sequence).Should().Equal(Enumerable.Range(1, journal.Count).Select(n => (long)n));
            journal.Count(j => j.Event == JournalEventKind.BookmarkCreated).Should().Be(4);
        }
        db.Scalar("SELECT COUNT(*) FROM wf_instances WHERE status = 'Finished';").Should().Be((long)(Workers * PerWorker));
        saves.Should().Be(Workers * PerWorker * 5, "every save went through a group, once");
    }

    private static readonly AsyncLocal<string?> s_ambient = new();

    [Fact]
    public async Task Each_save_runs_with_its_own_callers_ambient_values_and_the_drain_with_none()
    {
        // A caller that finds no group being written drains on its own thread (no thread switch for a lone writer); the
        // saves that queue meanwhile must still run with their own callers' ambient values (the audit actor is one), never
        // with the draining caller's, and a save whose caller suppressed the flow with none at all.
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync();
        var groups = services.GetRequiredService<EfWorkflowInstanceStore>().GroupCommit!;
        var sizes = new List<int>();
        groups.Committed = sizes.Add;
        var firstAtCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mayCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seenByDrain = new List<string?>();
        groups.BeforeCommit = async _ =>
        {
            seenByDrain.Add(s_ambient.Value);
            firstAtCommit.TrySetResult();
            await mayCommit.Task;
        };
        static Task<string?> Ambient(WorkflowDbContext _, CancellationToken __) => Task.FromResult(s_ambient.Value);

        s_ambient.Value = "a";
        var a = groups.RunAsync(Ambient, CancellationToken.None);
        await firstAtCommit.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Task<string?> b = null!;
        await Task.Run(() => { s_ambient.Value = "b"; b = groups.RunAsync(Ambient, CancellationToken.None); }); // enqueued behind a's group
        Task<string?> c;
        using (ExecutionContext.SuppressFlow()) c = groups.RunAsync(Ambient, CancellationToken.None);
        mayCommit.SetResult();

        (await a.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be("a");
        (await b.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be("b");
        (await c.WaitAsync(TimeSpan.FromSeconds(30))).Should().BeNull("its caller suppressed the flow; the drain is a's, and carries none of a's values");
        sizes.Should().Equal([1, 2]);
        seenByDrain.Should().Equal([null, null], "the drain runs in a clean context even when a caller drains inline");
    }

    [Fact]
    public async Task After_a_group_whose_commit_failed_the_next_saves_commit_on_a_new_connection()
    {
        // The writer connection is kept open between groups (its statements stay prepared); a group whose transaction
        // failed drops it, fails every save of the group, and the next group starts on a new one.
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync();
        var store = TestDatabases.Instances(services);
        var groups = services.GetRequiredService<EfWorkflowInstanceStore>().GroupCommit!;
        await store.InsertAsync(Sample("kept-1"), []);
        await store.InsertAsync(Sample("kept-2"), []);

        groups.BeforeCommit = _ => throw new IOException("disk full (test)");
        await store.Awaiting(s => s.InsertAsync(Sample("lost"), [])).Should().ThrowAsync<IOException>();
        groups.BeforeCommit = null;

        var copy = (await store.FindAsync("kept-1"))!;
        copy.Variables["n"] = "after";
        await store.UpdateAsync(copy, [InstanceSamples.Line("kept-1", 1)]);
        await store.InsertAsync(Sample("kept-3"), []);

        db.Scalar("SELECT COUNT(*) FROM wf_instances;").Should().Be(3L, "the failed group's insert was rolled back, the others committed");
        (await store.FindAsync("lost")).Should().BeNull();
        (await store.FindAsync("kept-1"))!.Variables["n"]!.GetValue<string>().Should().Be("after");
    }

    [Fact]
    public async Task What_a_failed_save_staged_never_reaches_the_next_save_of_its_group()
    {
        // The saves of a group run one after another on one context bound to the writer's connection (made once per
        // writer); a failed save's staged rows must be gone before the next save calls SaveChanges.
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync(s => s
            .AddWorkflowPersistenceModule<StepProjectionModule>()
            .AddWorkflowSaveParticipant<StepProjectionParticipant>());
        var store = TestDatabases.Instances(services);
        foreach (var id in new[] { "a", "b", "c" }) await store.InsertAsync(WithStep(Sample(id), "bm-" + id), []);
        var copies = new Dictionary<string, WorkflowInstance>();
        foreach (var id in new[] { "a", "b", "c" }) copies[id] = WithStep((await store.FindAsync(id))!, $"bm-{id}-new");
        var groups = services.GetRequiredService<EfWorkflowInstanceStore>().GroupCommit!;
        var sizes = new List<int>();
        groups.Committed = sizes.Add;
        var firstAtCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var mayCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        groups.BeforeCommit = async _ => { firstAtCommit.TrySetResult(); await mayCommit.Task; };

        var a = store.UpdateAsync(copies["a"], []);
        await firstAtCommit.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Task b = null!;
        await Task.Run(() => { StepProjectionParticipant.FailNext.Value = true; b = store.UpdateAsync(copies["b"], []); }); // stages bm-b-new, then throws
        var c = store.UpdateAsync(copies["c"], []);
        mayCommit.SetResult();

        await Task.WhenAll(a, c).WaitAsync(TimeSpan.FromSeconds(30));
        await b.Awaiting(t => t.WaitAsync(TimeSpan.FromSeconds(30))).Should().ThrowAsync<InvalidOperationException>().WithMessage("projection failed");
        sizes.Should().Equal([1, 2], "b and c were written in one group, b first");
        db.Query("SELECT bookmark_id FROM test_steps ORDER BY bookmark_id;").Select(r => (string)r[0]!).Should()
            .Equal(["bm-a", "bm-a-new", "bm-b", "bm-c", "bm-c-new"], "b's new row was staged, then b failed: it went with b");
    }

    private static WorkflowInstance WithStep(WorkflowInstance instance, string bookmarkId)
    {
        instance.Bookmarks.Add(new Bookmark(bookmarkId, "review", "Permit.HumanStep", "Workflow1:review", "HumanTask",
            new System.Text.Json.Nodes.JsonObject { ["department"] = "fgw" }, InstanceSamples.Start));
        return instance;
    }

    private static WorkflowInstance Sample(string id)
    {
        var sample = InstanceSamples.Suspended(id);
        sample.Bookmarks = []; // bookmark ids are unique across instances
        return sample;
    }
}
