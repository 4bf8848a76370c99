using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

public sealed class MigrationTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Migrating_twice_applies_each_step_once()
    {
        var provider = await _db.OpenAsync(migrate: false);
        var database = provider.GetRequiredService<WorkflowDatabase>();

        var first = await database.MigrateAsync();
        var second = await database.MigrateAsync();
        var third = await (await _db.OpenAsync(migrate: false)).GetRequiredService<WorkflowDatabase>().MigrateAsync();

        first.Should().ContainSingle().Which.Should().Be(new AppliedSchemaMigration("workflow", 1, "definitions, instances, bookmarks, journal, idempotency"));
        second.Should().BeEmpty();
        third.Should().BeEmpty();
        _db.Scalar("SELECT COUNT(*) FROM wf_schema_history;").Should().Be(1L);
        _db.Scalar("SELECT applied_at FROM wf_schema_history;").Should().Be(
            InstantToUnixNanosecondsConverter.ToUnixNanoseconds(_db.Clock.GetCurrentInstant()));
    }

    [Fact]
    public async Task Two_processes_migrating_at_once_both_succeed_and_apply_once()
    {
        var a = (await _db.OpenAsync(migrate: false)).GetRequiredService<WorkflowDatabase>();
        var b = (await _db.OpenAsync(migrate: false)).GetRequiredService<WorkflowDatabase>();

        var results = await Task.WhenAll(Task.Run(() => a.MigrateAsync()), Task.Run(() => b.MigrateAsync()));

        results.Sum(r => r.Count).Should().Be(1);
        _db.Scalar("SELECT COUNT(*) FROM wf_schema_history;").Should().Be(1L);
    }

    [Fact]
    public async Task The_hand_written_sqlite_schema_matches_the_model()
    {
        var provider = await _db.OpenAsync(configure: s => s.AddWorkflowPersistenceModule<StepProjectionModule>());
        await using var context = await provider.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        using var connection = new SqliteConnection(_db.ConnectionString);
        connection.Open();

        var entityTypes = context.Model.GetEntityTypes().ToList();
        entityTypes.Select(e => e.GetTableName()).Should().Contain(["wf_definitions", "wf_instances", "wf_bookmarks", "wf_journal", "wf_idempotency", "test_steps"]);
        foreach (var entity in entityTypes)
        {
            var table = entity.GetTableName()!;
            var columns = Columns(connection, table);
            columns.Should().NotBeEmpty($"table {table} must exist");
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table);
            var modelColumns = entity.GetProperties().ToDictionary(p => p.GetColumnName(store)!, p => p.IsNullable);
            columns.Keys.Should().BeEquivalentTo(modelColumns.Keys, $"the columns of {table}");
            foreach (var (column, nullable) in modelColumns)
            {
                columns[column].Should().Be(nullable, $"{table}.{column} nullability");
            }

            var indexes = Indexes(connection, table);
            foreach (var index in entity.GetIndexes())
            {
                indexes.Should().Contain(index.GetDatabaseName()!, $"index of {table}");
            }
        }
    }

    [Fact]
    public async Task A_database_newer_than_the_build_is_refused()
    {
        await _db.OpenAsync();
        _db.Scalar("INSERT INTO wf_schema_history (module, version, name, applied_at) VALUES ('workflow', 2, 'future', 0); SELECT 1;");

        var act = () => _db.OpenAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*version 2 of module 'workflow'*up to 1*newer build*");
    }

    [Fact]
    public async Task Badly_numbered_module_steps_are_refused_before_anything_is_applied()
    {
        var act = () => _db.OpenAsync(configure: s => s.AddWorkflowPersistenceModule<GappedModule>());

        (await act.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*'gapped'*1, 3*");
        File.Exists(_db.FilePath).Should().BeFalse();
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
        var provider = await _db.OpenAsync();
        Directory.Exists(_db.Folder).Should().BeTrue();
        provider.GetRequiredService<WorkflowDatabase>().Provider.Should().Be(WorkflowDatabaseProvider.Sqlite);
    }

    private static Dictionary<string, bool> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA table_info({table});";
        using var reader = command.ExecuteReader();
        var result = new Dictionary<string, bool>();
        while (reader.Read())
        {
            // notnull = 0 means nullable; primary-key columns count as not null.
            result[reader.GetString(1)] = reader.GetInt64(3) == 0 && reader.GetInt64(5) == 0;
        }

        return result;
    }

    private static List<string> Indexes(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA index_list({table});";
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read())
        {
            result.Add(reader.GetString(1));
        }

        return result;
    }

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
