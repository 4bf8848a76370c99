using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

public sealed class SaveParticipantTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();
    private ServiceProvider _provider = null!;
    private IWorkflowInstanceStore _store = null!;

    public async Task InitializeAsync()
    {
        _provider = await _db.OpenAsync(s => s
            .AddWorkflowPersistenceModule<StepProjectionModule>()
            .AddWorkflowSaveParticipant<StepProjectionParticipant>());
        _store = SqliteTestDatabase.Instances(_provider);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task The_module_tables_are_migrated_after_the_engine()
    {
        _db.Scalar("SELECT group_concat(module || ':' || version, ',') FROM (SELECT * FROM wf_schema_history ORDER BY rowid);")
            .Should().Be("workflow:1,test-steps:1");
    }

    [Fact]
    public async Task Participant_rows_are_written_with_the_insert_and_replaced_with_the_update()
    {
        var instance = InstanceSamples.Suspended();
        await _store.InsertAsync(instance, []);
        (await Steps()).Should().Equal(("bm-review-fgw", "fgw"));

        instance.Bookmarks.Add(new Bookmark("bm-zjj", "review-zjj", "Permit.HumanStep", "n", "HumanTask", new JsonObject { ["department"] = "zjj" }, InstanceSamples.Start));
        instance.Bookmarks.RemoveAt(0);
        await _store.UpdateAsync(instance, []);

        (await Steps()).Should().Equal(("bm-zjj", "zjj"));
    }

    [Fact]
    public async Task A_refused_update_leaves_the_participant_rows_as_they_were()
    {
        var instance = InstanceSamples.Suspended();
        await _store.InsertAsync(instance, []);
        var stale = (await _store.FindAsync("inst-1"))!;
        await _store.UpdateAsync(instance, []);

        stale.Bookmarks.Clear();
        var act = () => _store.UpdateAsync(stale, []);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await Steps()).Should().Equal(("bm-review-fgw", "fgw"));
    }

    [Fact]
    public async Task A_failing_participant_rolls_back_the_whole_save()
    {
        var instance = InstanceSamples.Suspended();
        await _store.InsertAsync(instance, []);
        instance.Bookmarks.Clear();
        instance.Variables["changed"] = true;

        StepProjectionParticipant.FailNext.Value = true;
        var act = () => _store.UpdateAsync(instance, [InstanceSamples.Line("inst-1", 1)]);
        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("projection failed");
        StepProjectionParticipant.FailNext.Value = false;

        var stored = (await _store.FindAsync("inst-1"))!;
        stored.Version.Should().Be(1);
        stored.Bookmarks.Should().HaveCount(3);
        stored.Variables.ContainsKey("changed").Should().BeFalse();
        (await _store.GetJournalAsync("inst-1")).Should().BeEmpty();
        (await Steps()).Should().Equal(("bm-review-fgw", "fgw"));
    }

    [Fact]
    public async Task A_provider_without_the_module_in_the_same_process_gets_its_own_model()
    {
        var plain = await _db.OpenAsync();
        await using var context = await plain.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        context.Model.FindEntityType(typeof(StepRow)).Should().BeNull();

        await using var withModule = await _provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        withModule.Model.FindEntityType(typeof(StepRow)).Should().NotBeNull();
    }

    private async Task<List<(string, string?)>> Steps()
    {
        await using var context = await _provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await context.Set<StepRow>().OrderBy(s => s.BookmarkId).ToListAsync();
        return [.. rows.Select(r => (r.BookmarkId, r.Department))];
    }
}
