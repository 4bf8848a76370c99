using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>Converts between the runtime's types and the rows; JSON columns hold System.Text.Json text.</summary>
internal static class InstanceRowMapper
{
    private static readonly JsonSerializerOptions FaultJson = new(JsonSerializerDefaults.Web);

    public static InstanceRow ToRow(WorkflowInstance instance, long version) => new()
    {
        Id = instance.Id,
        DefinitionId = instance.DefinitionId,
        DefinitionVersion = instance.DefinitionVersion,
        DefinitionVersionId = instance.DefinitionVersionId,
        CorrelationId = instance.CorrelationId,
        Name = instance.Name,
        IsTest = instance.IsTest,
        Status = instance.Status.ToString(),
        SubStatus = instance.SubStatus.ToString(),
        Input = (instance.Input ?? new JsonObject()).ToJsonString(),
        Variables = (instance.Variables ?? new JsonObject()).ToJsonString(),
        Output = (instance.Output ?? new JsonObject()).ToJsonString(),
        // The state itself goes to wf_state_parts (StateParts); the column stays for rows saved before.
        ExecutionState = "{}",
        StateInParts = true,
        Fault = instance.Fault is null ? null : JsonSerializer.Serialize(instance.Fault, FaultJson),
        CreatedAt = instance.CreatedAt,
        UpdatedAt = instance.UpdatedAt,
        FinishedAt = instance.FinishedAt,
        Version = version,
    };

    /// <summary>The instance of <paramref name="row"/> with <paramref name="bookmarks"/> (in ordinal order) and
    /// <paramref name="executionState"/>: the state assembled from its parts, or null for a row saved before parts
    /// (then read from <c>execution_state</c>).</summary>
    public static WorkflowInstance ToInstance(InstanceRow row, IEnumerable<BookmarkRow> bookmarks, JsonObject? executionState) => new()
    {
        Id = row.Id,
        DefinitionId = row.DefinitionId,
        DefinitionVersion = row.DefinitionVersion,
        DefinitionVersionId = row.DefinitionVersionId,
        CorrelationId = row.CorrelationId,
        Name = row.Name,
        IsTest = row.IsTest,
        Status = ParseEnum<WorkflowStatus>(row.Status, row.Id, "status"),
        SubStatus = ParseEnum<WorkflowSubStatus>(row.SubStatus, row.Id, "sub_status"),
        Input = ParseObject(row.Input, row.Id, "input")!,
        Variables = ParseObject(row.Variables, row.Id, "variables")!,
        Output = ParseObject(row.Output, row.Id, "output")!,
        ExecutionState = executionState ?? ParseObject(row.ExecutionState, row.Id, "execution_state")!,
        Fault = row.Fault is null ? null : JsonSerializer.Deserialize<WorkflowFault>(row.Fault, FaultJson),
        Bookmarks = [.. bookmarks.OrderBy(b => b.Ordinal).Select(ToBookmark)],
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        FinishedAt = row.FinishedAt,
        Version = row.Version,
    };

    public static BookmarkRow ToRow(string instanceId, Bookmark bookmark, int ordinal) => new()
    {
        Id = bookmark.Id,
        InstanceId = instanceId,
        Ordinal = ordinal,
        ActivityId = bookmark.ActivityId,
        ActivityType = bookmark.ActivityType,
        NodeId = bookmark.NodeId,
        Kind = bookmark.Kind,
        Payload = bookmark.Payload?.ToJsonString(),
        CreatedAt = bookmark.CreatedAt,
        ResumeAt = bookmark.ResumeAt,
    };

    public static Bookmark ToBookmark(BookmarkRow row) =>
        new(row.Id, row.ActivityId, row.ActivityType, row.NodeId, row.Kind, ParseObject(row.Payload, row.InstanceId, "bookmark payload"), row.CreatedAt, row.ResumeAt);

    public static JournalRow ToRow(JournalEntry entry) => new()
    {
        InstanceId = entry.InstanceId,
        Sequence = entry.Sequence,
        ActivityId = entry.ActivityId,
        ActivityType = entry.ActivityType,
        NodeId = entry.NodeId,
        EventKind = entry.Event.ToString(),
        Outcome = entry.Outcome,
        OccurredAt = entry.At,
        Data = entry.Data?.ToJsonString(),
    };

    public static JournalEntry ToEntry(JournalRow row) =>
        new(row.InstanceId, row.Sequence, row.ActivityId, row.ActivityType, row.NodeId,
            ParseEnum<JournalEventKind>(row.EventKind, row.InstanceId, "journal event_kind"), row.Outcome, row.OccurredAt,
            ParseObject(row.Data, row.InstanceId, "journal data"));

    public static IdempotencyRow ToRow(IdempotencyRecord record) => new()
    {
        Scope = record.Scope,
        Key = record.Key,
        RequestHash = record.RequestHash,
        ResponseJson = record.ResponseJson,
        CreatedAt = record.CreatedAt,
    };

    public static IdempotencyRecord ToRecord(IdempotencyRow row) => new(row.Scope, row.Key, row.RequestHash, row.ResponseJson, row.CreatedAt);

    private static JsonObject? ParseObject(string? json, string instanceId, string column)
    {
        if (json is null)
        {
            return null;
        }

        return JsonNode.Parse(json) as JsonObject
            ?? throw new InvalidDataException($"Workflow instance '{instanceId}': the stored {column} is not a JSON object.");
    }

    private static T ParseEnum<T>(string value, string instanceId, string column) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: false, out var parsed)
            ? parsed
            : throw new InvalidDataException($"Workflow instance '{instanceId}': the stored {column} '{value}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
}
