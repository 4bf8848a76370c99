using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Loads an instance with its bookmarks and its execution-state parts in <b>one statement</b> (issue #16, "reads
/// instance and bookmarks in one round trip"): the bookmarks and parts come back as two JSON arrays aggregated by the
/// database beside the instance row. One statement reads one snapshot on both providers (SQLite: its implicit read
/// transaction; PostgreSQL: the statement's snapshot), so no second read is needed to check that the row and its
/// bookmarks belong to the same save. The same statement reads the row version of the instance's definition version when
/// it is published (<see cref="WorkflowInstance.PublishedDefinitionStamp"/>), so that the runtime checks the parse it
/// keeps without a read of its own (docs/architecture.md, "Measured round trips").
/// </summary>
internal static class InstanceLoad
{
    private const string Columns = """
        i.id AS "Id", i.definition_id AS "DefinitionId", i.definition_version AS "DefinitionVersion",
        i.definition_version_id AS "DefinitionVersionId", i.correlation_id AS "CorrelationId", i.name AS "Name",
        i.is_test AS "IsTest", i.status AS "Status", i.sub_status AS "SubStatus", i.input AS "Input",
        i.variables AS "Variables", i.output AS "Output", i.execution_state AS "ExecutionState",
        i.state_in_parts AS "StateInParts", i.fault AS "Fault", i.created_at AS "CreatedAt", i.updated_at AS "UpdatedAt",
        i.finished_at AS "FinishedAt", i.version AS "Version"
        """;

    public static async Task<WorkflowInstance?> FindAsync(WorkflowDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var query = db.Provider == WorkflowDatabaseProvider.PostgreSql
            ? db.Database.SqlQueryRaw<Loaded>($"""
                SELECT {Columns},
                    (SELECT json_agg(json_build_array(b.id, b.ordinal, b.activity_id, b.activity_type, b.node_id, b.kind, b.payload, b.created_at, b.resume_at))
                       FROM wf_bookmarks b WHERE b.instance_id = i.id)::text AS "Bookmarks",
                    (SELECT json_agg(json_build_array(p.pointer, p.ordinal, p.value)) FROM wf_state_parts p WHERE p.instance_id = i.id)::text AS "Parts",
                    (SELECT d.row_version FROM wf_definitions d WHERE d.id = i.definition_version_id AND d.is_published) AS "DefinitionStamp"
                FROM wf_instances i WHERE i.id = {"{0}"}
                """, instanceId)
            : db.Database.SqlQueryRaw<Loaded>($"""
                SELECT {Columns},
                    (SELECT json_group_array(json_array(b.id, b.ordinal, b.activity_id, b.activity_type, b.node_id, b.kind, b.payload, b.created_at, b.resume_at))
                       FROM wf_bookmarks b WHERE b.instance_id = i.id) AS "Bookmarks",
                    (SELECT json_group_array(json_array(p.pointer, p.ordinal, p.value)) FROM wf_state_parts p WHERE p.instance_id = i.id) AS "Parts",
                    (SELECT d.row_version FROM wf_definitions d WHERE d.id = i.definition_version_id AND d.is_published <> 0) AS "DefinitionStamp"
                FROM wf_instances i WHERE i.id = {"{0}"}
                """, instanceId);
        var loaded = (await query.ToListAsync(cancellationToken)).SingleOrDefault();
        return loaded?.ToInstance();
    }

    /// <summary>The statement's one row: the instance's columns and the two aggregated arrays.</summary>
    internal sealed class Loaded
    {
        public required string Id { get; set; }
        public required string DefinitionId { get; set; }
        public int DefinitionVersion { get; set; }
        public required string DefinitionVersionId { get; set; }
        public string? CorrelationId { get; set; }
        public string? Name { get; set; }
        public bool IsTest { get; set; }
        public required string Status { get; set; }
        public required string SubStatus { get; set; }
        public required string Input { get; set; }
        public required string Variables { get; set; }
        public required string Output { get; set; }
        public required string ExecutionState { get; set; }
        public bool StateInParts { get; set; }
        public string? Fault { get; set; }
        public long CreatedAt { get; set; }
        public long UpdatedAt { get; set; }
        public long? FinishedAt { get; set; }
        public long Version { get; set; }
        public string? Bookmarks { get; set; }
        public string? Parts { get; set; }
        public long? DefinitionStamp { get; set; }

        public WorkflowInstance ToInstance()
        {
            var row = new InstanceRow
            {
                Id = Id, DefinitionId = DefinitionId, DefinitionVersion = DefinitionVersion, DefinitionVersionId = DefinitionVersionId,
                CorrelationId = CorrelationId, Name = Name, IsTest = IsTest, Status = Status, SubStatus = SubStatus, Input = Input,
                Variables = Variables, Output = Output, ExecutionState = ExecutionState, StateInParts = StateInParts, Fault = Fault,
                CreatedAt = InstantToUnixNanosecondsConverter.FromUnixNanoseconds(CreatedAt),
                UpdatedAt = InstantToUnixNanosecondsConverter.FromUnixNanoseconds(UpdatedAt),
                FinishedAt = FinishedAt is { } finished ? InstantToUnixNanosecondsConverter.FromUnixNanoseconds(finished) : null,
                Version = Version,
            };
            var parts = new Dictionary<string, (int Ordinal, string Json)>(StringComparer.Ordinal);
            if (Parts is not null)
            {
                using var document = JsonDocument.Parse(Parts);
                foreach (var p in document.RootElement.EnumerateArray())
                    parts[p[0].GetString()!] = (p[1].GetInt32(), p[2].GetString()!);
            }
            var instance = InstanceRowMapper.ToInstance(row, ReadBookmarks(),
                StateInParts ? StateParts.Assemble(parts.OrderBy(p => p.Value.Ordinal).Select(p => (p.Key, p.Value.Json)), Id) : null);
            // An instance saved before parts has none stored: its first save writes them all.
            instance.StoredState = new StoredStateParts(Version, StateInParts ? parts : new(StringComparer.Ordinal));
            instance.PublishedDefinitionStamp = new DefinitionStamp(DefinitionStamp);
            return instance;
        }

        private List<BookmarkRow> ReadBookmarks()
        {
            var rows = new List<BookmarkRow>();
            if (Bookmarks is null) return rows;
            using var document = JsonDocument.Parse(Bookmarks);
            foreach (var b in document.RootElement.EnumerateArray())
            {
                rows.Add(new BookmarkRow
                {
                    Id = b[0].GetString()!, InstanceId = Id, Ordinal = b[1].GetInt32(), ActivityId = b[2].GetString()!,
                    ActivityType = b[3].GetString()!, NodeId = b[4].GetString()!, Kind = b[5].GetString()!,
                    Payload = b[6].ValueKind == JsonValueKind.Null ? null : b[6].GetString(),
                    CreatedAt = InstantToUnixNanosecondsConverter.FromUnixNanoseconds(b[7].GetInt64()),
                    ResumeAt = b[8].ValueKind == JsonValueKind.Null ? null : InstantToUnixNanosecondsConverter.FromUnixNanoseconds(b[8].GetInt64()),
                });
            }
            return rows;
        }
    }
}
