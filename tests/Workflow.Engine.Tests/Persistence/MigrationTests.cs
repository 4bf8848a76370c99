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
            new AppliedSchemaMigration("workflow", 5, "execution state in parts"),
            new AppliedSchemaMigration("workflow", 6, "fewer B-trees per save"));
        second.Should().BeEmpty();
        third.Should().BeEmpty();
        db.Scalar("SELECT COUNT(*) FROM wf_schema_history;").Should().Be(6L);
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

        results.Sum(r => r.Count).Should().Be(6, "one of them applies every step, the other nothing");
        results.Should().Contain(r => r.Count == 0);
        db.Scalar("SELECT COUNT(*) FROM wf_schema_history;").Should().Be(6L);
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
            INSERT INTO wf_journal (instance_id, sequence, activity_id, activity_type, node_id, event_kind, outcome, occurred_at, data)
            VALUES ('old', 1, 'delay', 'Elsa.Delay', 'n', 'BookmarkCreated', NULL, 3, '{"why":"old"}');
            """);

        var services = await db.OpenAsync(migrate: false);
        var applied = await services.GetRequiredService<WorkflowDatabase>().MigrateAsync();

        applied.Should().Equal(new AppliedSchemaMigration("workflow", 2, "timer leases on bookmarks"),
            new AppliedSchemaMigration("workflow", 3, "workflow output on instances"),
            new AppliedSchemaMigration("workflow", 4, "test instances (the Studio's Run)"),
            new AppliedSchemaMigration("workflow", 5, "execution state in parts"),
            new AppliedSchemaMigration("workflow", 6, "fewer B-trees per save"));
        var store = TestDatabases.Instances(services);
        var old = (await store.FindAsync("old"))!;
        old.Version.Should().Be(4);
        (await store.GetJournalAsync("old")).Should().ContainSingle().Which.Data!["why"]!.GetValue<string>().Should().Be("old", "step 6 rebuilds the journal with its rows");
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
    public async Task Step_6_leaves_fewer_btrees_per_bookmark_and_journal_line_and_timers_still_use_an_index(string provider)
    {
        // Issue #16, bytes per instance: each B-tree a row lives in costs pages per save (docs/persistence.md, *Schema*).
        await using var db = TestDatabases.Create(provider);
        await db.OpenAsync();

        var indexes = Indexes(db, "wf_bookmarks");
        indexes.Should().NotContain("ix_wf_bookmarks_activity_type_kind");
        indexes.Should().Contain(["ix_wf_bookmarks_instance_id", "ix_wf_bookmarks_kind_resume_at", "ix_wf_bookmarks_resume_at"]);
        if (db.Provider == WorkflowDatabaseProvider.Sqlite)
        {
            ((string)db.Scalar("SELECT sql FROM sqlite_master WHERE name = 'wf_journal';")!).Should().EndWith("WITHOUT ROWID");
            ((string)db.Scalar("SELECT sql FROM sqlite_master WHERE name = 'wf_bookmarks';")!).Should().EndWith("WITHOUT ROWID");
            db.Query("PRAGMA index_list(wf_bookmarks);").Single(r => (string)r[1]! == "ix_wf_bookmarks_resume_at")[4].Should().Be(1L, "the index holds timers only");
            // The claim's condition implies resume_at IS NOT NULL, so SQLite may use the partial index.
            string.Join(" | ", db.Query("EXPLAIN QUERY PLAN SELECT id FROM wf_bookmarks WHERE resume_at <= 5 AND (claimed_until IS NULL OR claimed_until <= 5) ORDER BY resume_at;")
                .Select(r => (string)r[3]!)).Should().Contain("ix_wf_bookmarks_resume_at");
        }
        else
        {
            ((string)db.Scalar("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_wf_bookmarks_resume_at';")!).Should().EndWith("WHERE (resume_at IS NOT NULL)");
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_database_newer_than_the_build_is_refused(string provider)
    {
        await using var db = TestDatabases.Create(provider);
        await db.OpenAsync();
        db.Scalar("INSERT INTO wf_schema_history (module, version, name, applied_at) VALUES ('workflow', 7, 'future', 0);");

        var act = () => db.OpenAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*version 7 of module 'workflow'*up to 6*newer build*");
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
