using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

public sealed class SaveParticipantTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_module_tables_are_migrated_after_the_engine(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var sp = await db.OpenAsync(s => s
            .AddWorkflowPersistenceModule<StepProjectionModule>()
            .AddWorkflowSaveParticipant<StepProjectionParticipant>());
        var store = TestDatabases.Instances(sp);
        // test_steps references wf_instances, so applying the module before the engine would have failed.
        db.Scalar("SELECT COUNT(*) FROM wf_schema_history WHERE (module = 'workflow' AND version = 1) OR (module = 'test-steps' AND version = 1);")
            .Should().Be(2L);
        store.Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Participant_rows_are_written_with_the_insert_and_replaced_with_the_update(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var sp = await db.OpenAsync(s => s
            .AddWorkflowPersistenceModule<StepProjectionModule>()
            .AddWorkflowSaveParticipant<StepProjectionParticipant>());
        var store = TestDatabases.Instances(sp);
        var instance = InstanceSamples.Suspended();
        await store.InsertAsync(instance, []);
        (await Steps(sp)).Should().Equal(("bm-review-fgw", "fgw"));

        instance.Bookmarks.Add(new Bookmark("bm-zjj", "review-zjj", "Permit.HumanStep", "n", "HumanTask", new JsonObject { ["department"] = "zjj" }, InstanceSamples.Start));
        instance.Bookmarks.RemoveAt(0);
        await store.UpdateAsync(instance, []);

        (await Steps(sp)).Should().Equal(("bm-zjj", "zjj"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_refused_update_leaves_the_participant_rows_as_they_were(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var sp = await db.OpenAsync(s => s
            .AddWorkflowPersistenceModule<StepProjectionModule>()
            .AddWorkflowSaveParticipant<StepProjectionParticipant>());
        var store = TestDatabases.Instances(sp);
        var instance = InstanceSamples.Suspended();
        await store.InsertAsync(instance, []);
        var stale = (await store.FindAsync("inst-1"))!;
        await store.UpdateAsync(instance, []);

        stale.Bookmarks.Clear();
        var act = () => store.UpdateAsync(stale, []);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Steps(sp)).Should().Equal(("bm-review-fgw", "fgw"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_failing_participant_rolls_back_the_whole_save(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var sp = await db.OpenAsync(s => s
            .AddWorkflowPersistenceModule<StepProjectionModule>()
            .AddWorkflowSaveParticipant<StepProjectionParticipant>());
        var store = TestDatabases.Instances(sp);
        var instance = InstanceSamples.Suspended();
        await store.InsertAsync(instance, []);
        instance.Bookmarks.Clear();
        instance.Variables["changed"] = true;

        StepProjectionParticipant.FailNext.Value = true;
        var act = () => store.UpdateAsync(instance, [InstanceSamples.Line("inst-1", 1)]);
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("projection failed");
        StepProjectionParticipant.FailNext.Value = false;

        var stored = (await store.FindAsync("inst-1"))!;
        stored.Version.Should().Be(1);
        stored.Bookmarks.Should().HaveCount(3);
        stored.Variables.ContainsKey("changed").Should().BeFalse();
        (await store.GetJournalAsync("inst-1")).Should().BeEmpty();
        (await Steps(sp)).Should().Equal(("bm-review-fgw", "fgw"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Asp_without_the_module_in_the_same_process_gets_its_own_model(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var sp = await db.OpenAsync(s => s
            .AddWorkflowPersistenceModule<StepProjectionModule>()
            .AddWorkflowSaveParticipant<StepProjectionParticipant>());
        var store = TestDatabases.Instances(sp);
        var plain = await db.OpenAsync();
        await using var context = await plain.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        context.Model.FindEntityType(typeof(StepRow)).Should().BeNull();

        await using var withModule = await sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        withModule.Model.FindEntityType(typeof(StepRow)).Should().NotBeNull();
    }

    private static async Task<List<(string, string?)>> Steps(IServiceProvider sp)
    {
        await using var context = await sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await context.Set<StepRow>().OrderBy(s => s.BookmarkId).ToListAsync();
        return [.. rows.Select(r => (r.BookmarkId, r.Department))];
    }
}
