using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// A save's rows besides the instance row are found before it joins the SQLite writer's queue, from what the store kept of
/// the instance; when nothing is kept they are found from the table inside the save's transaction (issue #16, "writers that
/// scale"; docs/persistence.md, *Durability*).
/// </summary>
public class SaveDeltaTests
{
    [Fact]
    public async Task An_update_of_an_instance_whose_stored_rows_are_not_known_reads_them_in_its_transaction()
    {
        await using var database = new SqliteTestDatabase();
        var (commands, runtime, store) = await OpenForkAsync(database, 4);
        var started = await runtime.StartAsync("fork");
        var instance = (await store.FindAsync(started.Instance.Id))!;
        var waiting = instance.Bookmarks.Select(b => b.Id).ToList();

        // As a caller that built the object itself: the store knows nothing of what is stored at its version.
        instance.StoredState = null;
        instance.Bookmarks.RemoveAt(1);
        instance.ExecutionState["journalSequence"] = 41;
        commands.Reset();
        await store.UpdateAsync(instance, []);

        var sql = string.Join("\n", commands.Texts);
        sql.Should().Contain("FROM \"wf_bookmarks\"").And.Contain("FROM \"wf_state_parts\"", "the stored rows were read to compare with");
        System.Text.RegularExpressions.Regex.Count(sql, "DELETE FROM wf_bookmarks").Should().Be(1, sql);
        sql.Should().NotContain("INSERT INTO wf_bookmarks").And.NotContain("UPDATE wf_bookmarks");
        instance.Version.Should().Be(2);
        var (_, reopened) = await OpenAsync(database);
        var loaded = (await reopened.FindAsync(started.Instance.Id))!;
        loaded.Bookmarks.Select(b => b.Id).Should().Equal(waiting[0], waiting[2], waiting[3]);
        loaded.ExecutionState["journalSequence"]!.GetValue<long>().Should().Be(41);
        JsonNode.DeepEquals(loaded.ExecutionState, instance.ExecutionState).Should().BeTrue();
    }

    [Fact]
    public async Task A_stale_copy_is_refused_before_any_of_its_rows_is_sent()
    {
        await using var database = new SqliteTestDatabase();
        var (commands, runtime, store) = await OpenForkAsync(database, 3);
        var started = await runtime.StartAsync("fork");
        var stale = (await store.FindAsync(started.Instance.Id))!;
        await runtime.ResumeAsync(started.Instance.Id, started.Instance.Bookmarks[0].Id);

        // The stale copy's rows were found against version 1, before the save reached the writer; version 2 is stored.
        stale.Bookmarks.Clear();
        commands.Reset();
        var save = () => store.UpdateAsync(stale, []);

        await save.Should().ThrowAsync<ConcurrencyConflictException>();
        commands.Texts.Should().NotContain(t => t.Contains("wf_bookmarks") || t.Contains("wf_state_parts"), "only the version-checked instance update was sent");
        var loaded = (await store.FindAsync(started.Instance.Id))!;
        loaded.Bookmarks.Should().HaveCount(2);
    }

    [Fact]
    public void Prepared_statements_take_nothing_more_on_either_provider()
    {
        var postgreSql = new SaveStatements(WorkflowDatabaseProvider.PostgreSql);
        postgreSql.Add("UPDATE wf_instances SET name = {1} WHERE id = {0}", "a", "b");
        postgreSql.Prepare();
        ((Action)(() => postgreSql.Add("DELETE FROM wf_journal"))).Should().Throw<InvalidOperationException>();

        var statements = new SaveStatements(WorkflowDatabaseProvider.Sqlite);
        statements.Add("UPDATE wf_instances SET name = {1} WHERE id = {0}", "a", "b");
        statements.Insert("wf_journal", "instance_id, sequence", "a", 1L);

        statements.Prepare().Should().BeSameAs(statements);

        statements.SqliteStatements().Select(s => s.Sql).Should().Equal(
            "UPDATE wf_instances SET name = @p1 WHERE id = @p0", "INSERT INTO wf_journal (instance_id, sequence) VALUES (@p0, @p1)");
        ((Action)(() => statements.Add("DELETE FROM wf_journal"))).Should().Throw<InvalidOperationException>();
        ((Action)(() => statements.Insert("wf_journal", "instance_id, sequence", "a", 2L))).Should().Throw<InvalidOperationException>();
        ((Action)(() => statements.Delete("wf_bookmarks", "a", "id", ["x"]))).Should().Throw<InvalidOperationException>();
    }

    /// <summary>The engine on <paramref name="database"/>, its SQL counted, with "fork" published: <paramref name="width"/> events waited for at once.</summary>
    private static async Task<(Workflow.Testing.CommandCounter Commands, WorkflowRuntime Runtime, IWorkflowInstanceStore Store)> OpenForkAsync(SqliteTestDatabase database, int width)
    {
        var commands = new Workflow.Testing.CommandCounter();
        var services = await database.OpenAsync(s => s.AddWorkflowEngine().AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(commands));
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("fork", "Fork", null, TestFlow.ParallelEvents(width, "WaitAll").Json(), publish: true);
        return (commands, services.GetRequiredService<WorkflowRuntime>(), services.GetRequiredService<IWorkflowInstanceStore>());
    }

    private static async Task<(ServiceProvider Services, IWorkflowInstanceStore Store)> OpenAsync(SqliteTestDatabase database)
    {
        var services = await database.OpenAsync(s => s.AddWorkflowEngine());
        return (services, services.GetRequiredService<IWorkflowInstanceStore>());
    }
}
