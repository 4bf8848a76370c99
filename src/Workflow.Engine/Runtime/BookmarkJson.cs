using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Workflow.Engine.Runtime;

/// <summary>Bookmarks to and from JSON (instants as ISO 8601 UTC), for stores and idempotent replies.</summary>
internal static class BookmarkJson
{
    /// <summary>The bookmark as a JSON object (camelCase names, instants as ISO 8601 UTC).</summary>
    public static JsonObject ToJson(Bookmark b) => new()
    {
        ["id"] = b.Id,
        ["activityId"] = b.ActivityId,
        ["activityType"] = b.ActivityType,
        ["nodeId"] = b.NodeId,
        ["kind"] = b.Kind,
        ["payload"] = b.Payload?.DeepClone(),
        ["createdAt"] = InstantPattern.ExtendedIso.Format(b.CreatedAt),
        ["resumeAt"] = b.ResumeAt is { } r ? InstantPattern.ExtendedIso.Format(r) : null,
    };

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    public static Bookmark FromJson(JsonObject o) => new(
        o["id"]!.GetValue<string>(),
        o["activityId"]!.GetValue<string>(),
        o["activityType"]!.GetValue<string>(),
        o["nodeId"]!.GetValue<string>(),
        o["kind"]!.GetValue<string>(),
        o["payload"]?.DeepClone() as JsonObject,
        InstantPattern.ExtendedIso.Parse(o["createdAt"]!.GetValue<string>()).Value,
        o["resumeAt"] is JsonValue r ? InstantPattern.ExtendedIso.Parse(r.GetValue<string>()).Value : null);

    /// <summary>A deep copy (the payload is mutable JSON).</summary>
    public static Bookmark Clone(Bookmark b) => b with { Payload = b.Payload?.DeepClone() as JsonObject };

    internal static Instant? Parse(string? text) => text is null ? null : InstantPattern.ExtendedIso.Parse(text).Value;
}
