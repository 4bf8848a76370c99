using Microsoft.Data.Sqlite;
using Npgsql;
using System.Data.Common;
using Workflow.Definitions.Persistence;
using Workflow.Testing;

namespace Workflow.Definitions.Tests.CaseNumbers;

/// <summary>Step 3 of the permits module numbers the cases filed before it, in the order they were submitted (docs/domain.md, *Case numbers*).</summary>
public class CaseNumberBackfillTests
{
    [Theory]
    [MemberData(nameof(LocalPostgreSql.Providers), MemberType = typeof(LocalPostgreSql))]
    public async Task Existing_cases_are_numbered_per_year_and_stage_and_the_counters_follow(string provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "wf-backfill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await using DbConnection connection = provider == "postgresql"
            ? new NpgsqlConnection(LocalPostgreSql.CreateDatabase("wf_backfill_"))
            : new SqliteConnection($"Data Source={Path.Combine(folder, "b.db")}");
        await connection.OpenAsync();
        var migrations = new PermitPersistenceModule().Migrations;
        var dialect = provider == "postgresql" ? Engine.Persistence.EntityFramework.WorkflowDatabaseProvider.PostgreSql : Engine.Persistence.EntityFramework.WorkflowDatabaseProvider.Sqlite;
        foreach (var step in migrations.Where(m => m.Version < 3)) await ExecuteAsync(connection, step.ScriptFor(dialect));
        // Submitted: 2025-12-31 23:00 Shanghai (15:00 UTC, still 2025 there), 2026-01-01 00:30 Shanghai (16:30 UTC on 2025-12-31), and two later.
        await InsertAsync(connection, "c-late-2025", "ConstructionPermit", "2025-12-31T15:00:00Z");
        await InsertAsync(connection, "c-early-2026", "ConstructionPermit", "2025-12-31T16:30:00Z");
        await InsertAsync(connection, "c-second-2026", "ConstructionPermit", "2026-03-01T02:00:00Z");
        await InsertAsync(connection, "c-stage-4", "CompletionAcceptance", "2026-02-01T02:00:00Z");

        await ExecuteAsync(connection, migrations.Single(m => m.Version == 3).ScriptFor(dialect));

        var numbers = await ReadAsync(connection, "SELECT id, case_number, query_code FROM permit_cases ORDER BY id");
        numbers.Select(r => (r[0], r[1])).Should().Equal(
            ("c-early-2026", "2026-3-000001"), ("c-late-2025", "2025-3-000001"), ("c-second-2026", "2026-3-000002"), ("c-stage-4", "2026-4-000001"));
        numbers.Should().OnlyContain(r => r[2].Length == 8 && r[2].All(c => "23456789ABCDEFGHJKMNPQRSTUVWXYZ".Contains(c)));
        var counters = await ReadAsync(connection, "SELECT year, stage, last_number FROM permit_case_counters ORDER BY year, stage");
        counters.Select(r => string.Join("/", r)).Should().Equal("2025/3/1", "2026/3/2", "2026/4/1");
        await connection.CloseAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static async Task InsertAsync(DbConnection connection, string id, string stage, string submittedUtc)
    {
        var nanos = (DateTimeOffset.Parse(submittedUtc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()) * 1_000_000L;
        await ExecuteAsync(connection, $"""
            INSERT INTO permit_cases (id, instance_id, project_id, stage, matters, state, agent, green_channel, submitted_at, suspended, repeated_returns, open_commitments, updated_at)
            VALUES ('{id}', '{id}', 'p', '{stage}', '', 'Submitted', 'agent1', FALSE, {nanos}, FALSE, 0, 0, {nanos});
            """);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string[]>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        return rows;
    }
}
