using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Loads an instance with its bookmarks and its execution-state parts in <b>one statement</b> (issue #16, "reads
/// instance and bookmarks in one round trip"): the bookmarks and parts come back as two JSON arrays aggregated by the
/// database beside the instance row. One statement reads one snapshot on both providers (SQLite: its implicit read
/// transaction; PostgreSQL: the statement's snapshot), so no second read is needed to check that the row and its
/// bookmarks belong to the same save. The same statement reads the row version of the instance's definition version when
/// it is published (<see cref="WorkflowInstance.PublishedDefinitionStamp"/>), so that the runtime checks the parse it
/// keeps without a read of its own (docs/architecture.md, "Measured round trips"). When the caller knows what is stored at
/// some version (<see cref="InstanceSnapshots"/>) and the row is still at that version, the statement leaves the bookmarks
/// and parts out and the instance is built from what is known: its cost no longer grows with the number of bookmarks and
/// parts (docs/persistence.md, *The snapshot of the last save*).
/// </summary>
internal static class InstanceLoad
{
    private const string Columns = """
        i.id, i.definition_id, i.definition_version, i.definition_version_id, i.correlation_id, i.name, i.is_test, i.status,
        i.sub_status, i.input, i.variables, i.output, i.execution_state, i.state_in_parts, i.fault, i.created_at, i.updated_at,
        i.finished_at, i.version
        """;

    private static readonly string PostgreSqlQuery = $"""
        SELECT {Columns},
            CASE WHEN i.version = @known THEN NULL ELSE (SELECT json_agg(json_build_array(b.id, b.ordinal, b.activity_id, b.activity_type, b.node_id, b.kind, b.payload, b.created_at, b.resume_at))
               FROM wf_bookmarks b WHERE b.instance_id = i.id)::text END,
            CASE WHEN i.version = @known THEN NULL ELSE (SELECT json_agg(json_build_array(p.pointer, p.ordinal, p.value)) FROM wf_state_parts p WHERE p.instance_id = i.id)::text END,
            (SELECT d.row_version FROM wf_definitions d WHERE d.id = i.definition_version_id AND d.is_published)
        FROM wf_instances i WHERE i.id = @id
        """;

    // @p0 the instance's id, @p1 the known version (SqlitePreparedStatements names a kept statement's parameters by position).
    private static readonly string SqliteQuery = $"""
        SELECT {Columns},
            CASE WHEN i.version = @p1 THEN NULL ELSE (SELECT json_group_array(json_array(b.id, b.ordinal, b.activity_id, b.activity_type, b.node_id, b.kind, b.payload, b.created_at, b.resume_at))
               FROM wf_bookmarks b WHERE b.instance_id = i.id) END,
            CASE WHEN i.version = @p1 THEN NULL ELSE (SELECT json_group_array(json_array(p.pointer, p.ordinal, p.value)) FROM wf_state_parts p WHERE p.instance_id = i.id) END,
            (SELECT d.row_version FROM wf_definitions d WHERE d.id = i.definition_version_id AND d.is_published <> 0)
        FROM wf_instances i WHERE i.id = @p0
        """;

    /// <remarks>
    /// On SQLite <paramref name="db"/>'s connection must be open: the statement is kept prepared on it
    /// (<see cref="SqlitePreparedStatements"/>). On PostgreSQL it is sent through EF's raw command. Either way EF's
    /// diagnostics and interceptors see it as one round trip. The row is read straight
    /// into an <see cref="InstanceRow"/> by column position: EF's materializer for an unmapped result type cost more than
    /// the read, and needed a second class repeating the row's columns.
    /// </remarks>
    public static async Task<WorkflowInstance?> FindAsync(WorkflowDbContext db, string instanceId, StoredStateParts? known, CancellationToken cancellationToken)
    {
        // Only a snapshot that can stand for the rows is worth leaving them out for.
        if (known is not { Row: not null, BookmarkObjects: not null, Bookmarks: not null }) known = null;
        var instance = await FindAsync(db, instanceId, known, known?.Version ?? -1, cancellationToken);
        // The row is at the known version but is not the known row (deleted and inserted again under the same id): read it all.
        return instance == Stale ? await FindAsync(db, instanceId, null, -1, cancellationToken) : instance;
    }

    /// <summary>Returned when the row is at the known version but was not created when the known row was.</summary>
    private static readonly WorkflowInstance Stale = new() { Id = "", DefinitionId = "", DefinitionVersion = 0, DefinitionVersionId = "" };

    private static async Task<WorkflowInstance?> FindAsync(WorkflowDbContext db, string instanceId, StoredStateParts? known, long knownVersion, CancellationToken cancellationToken)
    {
        if (db.Provider != WorkflowDatabaseProvider.PostgreSql)
        {
            // On SQLite the statement is kept prepared on the caller's open connection (EfWorkflowInstanceStore's kept
            // readers): no parse, no pool open and close per load (docs/benchmarks.md, "2026-12-03").
            return await SqlitePreparedStatements.ReadAsync(db, SqliteQuery, [instanceId, knownVersion],
                (reader, ct) => ReadAsync(reader, known, ct), cancellationToken);
        }

        var facade = db.Database;
        DbParameter[] parameters = [new Npgsql.NpgsqlParameter("@id", instanceId), new Npgsql.NpgsqlParameter("@known", knownVersion)];
        var command = facade.GetService<IRawSqlCommandBuilder>().Build(PostgreSqlQuery, parameters);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(facade.GetService<IRelationalConnection>(), command.ParameterValues, null, db,
                facade.GetService<IRelationalCommandDiagnosticsLogger>()), cancellationToken);
        return await ReadAsync(reader.DbDataReader, known, cancellationToken);
    }

    private static async Task<WorkflowInstance?> ReadAsync(DbDataReader r, StoredStateParts? known, CancellationToken cancellationToken)
    {
        if (!await r.ReadAsync(cancellationToken)) return null;
        static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
        static long? Int64(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        var row = new InstanceRow
        {
            Id = r.GetString(0), DefinitionId = r.GetString(1), DefinitionVersion = r.GetInt32(2), DefinitionVersionId = r.GetString(3),
            CorrelationId = Text(r, 4), Name = Text(r, 5), IsTest = r.GetBoolean(6), Status = r.GetString(7), SubStatus = r.GetString(8),
            Input = r.GetString(9), Variables = r.GetString(10), Output = r.GetString(11), ExecutionState = r.GetString(12),
            StateInParts = r.GetBoolean(13), Fault = Text(r, 14),
            CreatedAt = InstantToUnixNanosecondsConverter.FromUnixNanoseconds(r.GetInt64(15)),
            UpdatedAt = InstantToUnixNanosecondsConverter.FromUnixNanoseconds(r.GetInt64(16)),
            FinishedAt = Int64(r, 17) is { } finished ? InstantToUnixNanosecondsConverter.FromUnixNanoseconds(finished) : null,
            Version = r.GetInt64(18),
        };
        if (known is not null && row.Version == known.Version)
            return row.CreatedAt == known.Row!.CreatedAt && row.StateInParts ? FromSnapshot(row, known, Int64(r, 21)) : Stale;
        return ToInstance(row, Text(r, 19), Text(r, 20), Int64(r, 21));
    }

    /// <summary>
    /// The instance of the row with its bookmarks and state as <paramref name="known"/> holds them (the row is at its
    /// version): the bookmark records are shared, the state is assembled from the known parts only if somebody reads it,
    /// and the runtime's scheduling object is offered to the one run that takes it.
    /// </summary>
    private static WorkflowInstance FromSnapshot(InstanceRow row, StoredStateParts known, long? definitionStamp)
    {
        var instance = InstanceRowMapper.ToInstance(row, [], new JsonObject());
        instance.Bookmarks = [.. known.BookmarkObjects!];
        instance.BuildExecutionStateWhenRead(() => StateParts.Assemble(known.Parts, row.Id));
        instance.TakeRunState = known.TakeRunState;
        instance.StoredState = known;
        instance.PublishedDefinitionStamp = new DefinitionStamp(definitionStamp);
        return instance;
    }

    /// <summary>The instance of the statement's row: its columns, the two aggregated arrays and the definition's stamp.</summary>
    private static WorkflowInstance ToInstance(InstanceRow row, string? bookmarks, string? partsJson, long? definitionStamp)
    {
        var parts = new Dictionary<string, (int Ordinal, string Json)>(StringComparer.Ordinal);
        if (partsJson is not null)
        {
            using var document = JsonDocument.Parse(partsJson);
            foreach (var p in document.RootElement.EnumerateArray())
                parts[p[0].GetString()!] = (p[1].GetInt32(), p[2].GetString()!);
        }
        var bookmarkRows = ReadBookmarks(row.Id, bookmarks);
        var instance = InstanceRowMapper.ToInstance(row, bookmarkRows,
            row.StateInParts ? StateParts.Assemble(parts, row.Id) : null);
        // An instance saved before parts has none stored: its first save writes them all.
        instance.StoredState = new StoredStateParts(row.Version, row.StateInParts ? parts : new(StringComparer.Ordinal),
            bookmarkRows.ToDictionary(b => b.Id, StringComparer.Ordinal), row, row.StateInParts ? [.. instance.Bookmarks] : null);
        instance.PublishedDefinitionStamp = new DefinitionStamp(definitionStamp);
        return instance;
    }

    private static List<BookmarkRow> ReadBookmarks(string instanceId, string? json)
    {
        var rows = new List<BookmarkRow>();
        if (json is null) return rows;
        using var document = JsonDocument.Parse(json);
        foreach (var b in document.RootElement.EnumerateArray())
        {
            rows.Add(new BookmarkRow
            {
                Id = b[0].GetString()!, InstanceId = instanceId, Ordinal = b[1].GetInt32(), ActivityId = b[2].GetString()!,
                ActivityType = b[3].GetString()!, NodeId = b[4].GetString()!, Kind = b[5].GetString()!,
                Payload = b[6].ValueKind == JsonValueKind.Null ? null : b[6].GetString(),
                CreatedAt = InstantToUnixNanosecondsConverter.FromUnixNanoseconds(b[7].GetInt64()),
                ResumeAt = b[8].ValueKind == JsonValueKind.Null ? null : InstantToUnixNanosecondsConverter.FromUnixNanoseconds(b[8].GetInt64()),
            });
        }
        return rows;
    }
}
