using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Migrating_twice_applies_each_step_once(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var services = await db.OpenAsync(migrate: false);
        var database = services.GetRequiredService<WorkflowDatabase>();

        var first = await database.MigrateAsync();
        var second = await database.MigrateAsync();
        var third = await (await db.OpenAsync(migrate: false)).GetRequiredService<WorkflowDatabase>().MigrateAsync();

        first.Should().Equal(
            new AppliedSchemaMigration("workflow", 1, "definitions, instances, bookmarks, journal, idempotency"),
            new AppliedSchemaMigration("workflow", 2, "timer leases on bookmarks"),
            new AppliedSchemaMigration("workflow", 3, "workflow output on instances"),
            new AppliedSchemaMigration("workflow", 4, "test instances (the Studio's Run)"),
            new AppliedSchemaMigration("workflow", 5, "execution state in parts"));
        second.Should().BeEmpty();
        third.Should().BeEmpty();
        db.Scalar("SELECT COUNT(*) FROM wf_schema_history;").Should().Be(5L);
        db.Scalar("SELECT MAX(applied_at) FROM wf_schema_history;").Should().Be(
            InstantToUnixNanosecondsConverter.ToUnixNanoseconds(db.Clock.GetCurrentInstant()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Two_processes_migrating_at_once_both_succeed_and_apply_once(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var a = (await db.OpenAsync(migrate: false)).GetRequiredService<WorkflowDatabase>();
        var b = (await db.OpenAsync(migrate: false)).GetRequiredService<WorkflowDatabase>();

        var results = await Task.WhenAll(Task.Run(() => a.MigrateAsync()), Task.Run(() => b.MigrateAsync()));

        results.Sum(r => r.Count).Should().Be(5, "one of them applies every step, the other nothing");
        results.Should().Contain(r => r.Count == 0);
        db.Scalar("SELECT COUNT(*) FROM wf_schema_history;").Should().Be(5L);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_hand_written_schema_matches_the_model(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var services = await db.OpenAsync(configure: s => s.AddWorkflowPersistenceModule<StepProjectionModule>());
        await using var context = await services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var entityTypes = context.Model.GetEntityTypes().ToList();
        entityTypes.Select(e => e.GetTableName()).Should().Contain(["wf_definitions", "wf_instances", "wf_bookmarks", "wf_journal", "wf_idempotency", "test_steps"]);
        foreach (var entity in entityTypes)
        {
            var table = entity.GetTableName()!;
            var columns = Columns(db, table);
            columns.Should().NotBeEmpty($"table {table} must exist");
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table);
            var modelColumns = entity.GetProperties().ToDictionary(p => p.GetColumnName(store)!, p => p.IsNullable);
            columns.Keys.Should().BeEquivalentTo(modelColumns.Keys, $"the columns of {table}");
            foreach (var (column, nullable) in modelColumns)
            {
                columns[column].Should().Be(nullable, $"{table}.{column} nullability");
            }

            var indexes = Indexes(db, table);
            foreach (var index in entity.GetIndexes())
            {
                indexes.Should().Contain(index.GetDatabaseName()!, $"index of {table}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_database_at_version_1_with_data_is_upgraded_in_place(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        var v1 = new WorkflowEngineModule().Migrations.Single(m => m.Version == 1).ScriptFor(TestDatabases.Kind(provider));
        await (await db.OpenAsync(migrate: false)).GetRequiredService<WorkflowDatabase>().MigrateAsync();
        // Rebuild the database as an earlier build left it: only step 1, with an instance and its bookmarks in it.
        db.Scalar("DROP TABLE wf_state_parts; DROP TABLE wf_idempotency; DROP TABLE wf_journal; DROP TABLE wf_bookmarks; DROP TABLE wf_instances; DROP TABLE wf_definitions; DELETE FROM wf_schema_history;");
        db.Scalar(v1 + "INSERT INTO wf_schema_history (module, version, name, applied_at) VALUES ('workflow', 1, 'v1', 0);");
        db.Scalar("""
            INSERT INTO wf_instances (id, definition_id, definition_version, definition_version_id, status, sub_status, input, variables, execution_state, created_at, updated_at, version)
            VALUES ('old', 'd', 1, 'd1', 'Running', 'Suspended', '{}', '{"x":1}', '{"mode":"Token","scopes":{"root":{"arrivals":{"a->b":2}}}}', 0, 0, 4);
            INSERT INTO wf_bookmarks (id, instance_id, ordinal, activity_id, activity_type, node_id, kind, created_at, resume_at)
            VALUES ('bm', 'old', 0, 'delay', 'Elsa.Delay', 'n', 'Delay', 0, 5);
            """);

        var services = await db.OpenAsync(migrate: false);
        var applied = await services.GetRequiredService<WorkflowDatabase>().MigrateAsync();

        applied.Should().Equal(new AppliedSchemaMigration("workflow", 2, "timer leases on bookmarks"),
            new AppliedSchemaMigration("workflow", 3, "workflow output on instances"),
            new AppliedSchemaMigration("workflow", 4, "test instances (the Studio's Run)"),
            new AppliedSchemaMigration("workflow", 5, "execution state in parts"));
        var store = TestDatabases.Instances(services);
        var old = (await store.FindAsync("old"))!;
        old.Version.Should().Be(4);
        old.Variables["x"]!.GetValue<int>().Should().Be(1);
        old.Output.Should().BeEmpty("an instance stored before outputs existed has none");
        old.ExecutionState["scopes"]!["root"]!["arrivals"]!["a->b"]!.GetValue<int>().Should().Be(2, "an instance saved before parts is read from execution_state");
        old.Bookmarks.Should().ContainSingle().Which.ResumeAt.Should().Be(NodaTime.Instant.FromUnixTimeTicks(0).PlusNanoseconds(5));
        (await services.GetRequiredService<Workflow.Engine.Persistence.IDueBookmarkClaimer>()
            .ClaimDueAsync("w", NodaTime.Instant.FromUnixTimeTicks(0).PlusNanoseconds(5), NodaTime.Duration.FromMinutes(1), 10)).Should().ContainSingle();

        // Its next save moves the state into parts; the whole state reads back the same.
        old.ExecutionState["scopes"]!["root"]!["arrivals"]!["c->d"] = 1;
        await store.UpdateAsync(old, []);
        db.Scalar("SELECT execution_state FROM wf_instances WHERE id = 'old';").Should().Be("{}");
        db.Scalar("SELECT value FROM wf_state_parts WHERE instance_id = 'old' AND pointer = '/scopes/root/arrivals/a->b';").Should().Be("2");
        var again = (await store.FindAsync("old"))!;
        System.Text.Json.Nodes.JsonNode.DeepEquals(again.ExecutionState,
            System.Text.Json.Nodes.JsonNode.Parse("""{"mode":"Token","scopes":{"root":{"arrivals":{"a->b":2,"c->d":1}}}}""")).Should().BeTrue(again.ExecutionState.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_database_newer_than_the_build_is_refused(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        await db.OpenAsync();
        db.Scalar("INSERT INTO wf_schema_history (module, version, name, applied_at) VALUES ('workflow', 6, 'future', 0);");

        var act = () => db.OpenAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*version 6 of module 'workflow'*up to 5*newer build*");
    }

    [Fact]
    public async Task Badly_numbered_module_steps_are_refused_before_anything_is_applied()
    {
        await using var db = new SqliteTestDatabase();
        var act = () => db.OpenAsync(configure: s => s.AddWorkflowPersistenceModule<GappedModule>());

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*'gapped'*1, 3*");
        File.Exists(db.FilePath).Should().BeFalse();
    }

    [Fact]
    public async Task A_malformed_connection_string_is_named()
    {
        var services = new ServiceCollection();
        var act = () => services.AddWorkflowSqlite("workflow.db");
        act.Should().Throw<ArgumentException>().WithMessage("*'workflow.db'*Data Source=*");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task The_folder_of_the_file_is_created()
    {
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync();
        Directory.Exists(db.Folder).Should().BeTrue();
        services.GetRequiredService<WorkflowDatabase>().Provider.Should().Be(WorkflowDatabaseProvider.Sqlite);
    }

    /// <summary>Column name → nullable, as the database has it.</summary>
    private static Dictionary<string, bool> Columns(ITestDatabase db, string table) =>
        db.Provider == WorkflowDatabaseProvider.Sqlite
            // notnull = 0 means nullable; primary-key columns count as not null.
            ? db.Query($"PRAGMA table_info({table});").ToDictionary(r => (string)r[1]!, r => (long)r[3]! == 0 && (long)r[5]! == 0)
            : db.Query($"SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = '{table}';")
                .ToDictionary(r => (string)r[0]!, r => (string)r[1]! == "YES");

    private static List<string> Indexes(ITestDatabase db, string table) =>
        db.Provider == WorkflowDatabaseProvider.Sqlite
            ? [.. db.Query($"PRAGMA index_list({table});").Select(r => (string)r[1]!)]
            : [.. db.Query($"SELECT indexname FROM pg_indexes WHERE tablename = '{table}';").Select(r => (string)r[0]!)];

    private sealed class GappedModule : IWorkflowPersistenceModule
    {
        public string Name => "gapped";

        public IReadOnlyList<SchemaMigration> Migrations { get; } =
        [
            new(1, "one", "CREATE TABLE gapped_one (id TEXT);", "CREATE TABLE gapped_one (id text);"),
            new(3, "three", "CREATE TABLE gapped_three (id TEXT);", "CREATE TABLE gapped_three (id text);"),
        ];

        public void ConfigureModel(ModelBuilder modelBuilder)
        {
        }
    }
}
