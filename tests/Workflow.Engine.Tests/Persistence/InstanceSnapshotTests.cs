using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// The store's snapshot of the last save (docs/persistence.md, *The snapshot of the last save*; issue #16, constant cost
/// per step): a load of an unchanged instance leaves its bookmarks and state parts out of the statement and builds the
/// instance from what the process wrote; any change of the row version — another process's save — is read in full.
/// </summary>
public sealed class InstanceSnapshotTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_load_uses_the_snapshot_while_the_row_version_is_the_one_saved_and_reads_the_rows_once_it_moved(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var instance = InstanceSamples.Suspended();
        instance.ExecutionState = new JsonObject { ["journalSequence"] = 3, ["nodes"] = new JsonObject { ["n1"] = new JsonObject { ["x"] = 1 } } };
        await store.InsertAsync(instance, []);
        // Written behind the store's back without a new version: a load that read the rows would see the marker.
        db.Scalar("UPDATE wf_state_parts SET value = '99' WHERE pointer = '/journalSequence'; SELECT 1;");
        db.Scalar("UPDATE wf_bookmarks SET node_id = 'marker'; SELECT 1;");

        var fromSnapshot = (await store.FindAsync("inst-1"))!;

        fromSnapshot.ExecutionState["journalSequence"]!.GetValue<int>().Should().Be(3, "the rows are left out while the version is the one saved");
        fromSnapshot.Bookmarks.Select(b => b.NodeId).Should().NotContain("marker");

        // Another writer's save moves the version: now the rows are read.
        db.Scalar("UPDATE wf_instances SET version = version + 1; SELECT 1;");
        var moved = (await store.FindAsync("inst-1"))!;

        moved.Version.Should().Be(2);
        moved.ExecutionState["journalSequence"]!.GetValue<int>().Should().Be(99);
        moved.Bookmarks.Select(b => b.NodeId).Should().OnlyContain(n => n == "marker");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Changing_a_loaded_state_in_place_does_not_change_what_the_next_load_returns(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var store = TestDatabases.Instances(await db.OpenAsync());
        var instance = InstanceSamples.Suspended();
        instance.ExecutionState = new JsonObject { ["journalSequence"] = 3 };
        await store.InsertAsync(instance, []);

        var first = (await store.FindAsync("inst-1"))!;
        first.ExecutionState["journalSequence"] = 42;
        first.Bookmarks.Clear();
        var second = (await store.FindAsync("inst-1"))!;

        second.ExecutionState["journalSequence"]!.GetValue<int>().Should().Be(3);
        second.Bookmarks.Should().HaveCount(instance.Bookmarks.Count).And.NotBeEmpty();
    }

    [Fact]
    public async Task A_run_whose_save_failed_leaves_nothing_of_its_state_to_the_next_run()
    {
        // The runtime's scheduling object is handed from a save to the next run. A run mutates it; if its save fails,
        // the next run must start from what is stored, not from the failed run's object: journal sequences would skip.
        await using var database = new SqliteTestDatabase();
        var failing = new FailingParticipant();
        var services = await database.OpenAsync(s => s.AddWorkflowEngine().AddSingleton<IWorkflowSaveParticipant>(failing));
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("fork", "Fork", null, TestFlow.ParallelEvents(3, "WaitAll").Json(), publish: true);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var started = await runtime.StartAsync("fork");
        var waiting = started.Instance.Bookmarks.Select(b => b.Id).ToList();
        await runtime.ResumeAsync(started.Instance.Id, waiting[0]);

        failing.FailNext = true;
        var act = () => runtime.ResumeAsync(started.Instance.Id, waiting[1]);
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*refused on purpose*");
        await runtime.ResumeAsync(started.Instance.Id, waiting[1]);
        var last = await runtime.ResumeAsync(started.Instance.Id, waiting[2]);

        last.Instance.Status.Should().Be(WorkflowStatus.Finished);
        var sequences = (await services.GetRequiredService<IWorkflowInstanceStore>().GetJournalAsync(started.Instance.Id)).Select(j => j.Sequence).ToList();
        sequences.Should().Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), "no line of the failed run is stored, and no number was skipped for it");
    }

    [Fact]
    public void The_snapshots_stay_within_their_count_and_size()
    {
        var snapshots = new InstanceSnapshots();
        for (var i = 0; i < InstanceSnapshots.MaxEntries + 10; i++) snapshots.Keep("i" + i, Snapshot(1, 10));
        snapshots.Count.Should().BeLessThanOrEqualTo(InstanceSnapshots.MaxEntries);

        var big = Snapshot(1, (int)(InstanceSnapshots.MaxWeight / 4 / 20) + 10);
        snapshots.Keep("big", big);
        snapshots.Find("big").Should().BeNull("one instance weighing more than a quarter of the budget is not kept");

        snapshots.Keep("v", Snapshot(5, 1));
        snapshots.Keep("v", Snapshot(4, 1));
        snapshots.Find("v")!.Version.Should().Be(5, "a load that read an older version does not replace a newer save's snapshot");
    }

    private static StoredStateParts Snapshot(long version, int parts) => new(version,
        Enumerable.Range(0, parts).ToDictionary(p => "/p" + p, p => (p, "1"), StringComparer.Ordinal),
        new(StringComparer.Ordinal), new InstanceRow { Id = "x", DefinitionId = "d", DefinitionVersionId = "d1", Status = "Running", SubStatus = "Suspended", Input = "{}", Variables = "{}", ExecutionState = "{}" }, []);

    private sealed class FailingParticipant : IWorkflowSaveParticipant
    {
        public bool FailNext { get; set; }

        public Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
        {
            if (!FailNext) return Task.CompletedTask;
            FailNext = false;
            throw new InvalidOperationException("A save refused on purpose.");
        }
    }
}
