using System.Text.Json.Nodes;
using NodaTime;

namespace Workflow.Engine.Runtime;

/// <summary>
/// A point where one path of an instance waits: a human step, a timer, an external event.
/// Resuming it with input continues that path.
/// </summary>
/// <param name="Id">Opaque, unique across instances.</param>
/// <param name="ActivityId">The waiting activity's id in the definition.</param>
/// <param name="ActivityType">The waiting activity's type name, e.g. <c>Elsa.Delay</c>.</param>
/// <param name="NodeId">The activity's node id (path through nested flowcharts); unique within the definition.</param>
/// <param name="Kind">What is awaited: <c>Delay</c>, <c>Event</c>, <c>HumanTask</c> ... (the activity decides).</param>
/// <param name="Payload">What the activity attached for whoever resumes it (e.g. an assignment); never interpreted by the runtime.</param>
/// <param name="CreatedAt">When the bookmark was created.</param>
/// <param name="ResumeAt">For timers: when it is due; otherwise null.</param>
public sealed record Bookmark(
    string Id,
    string ActivityId,
    string ActivityType,
    string NodeId,
    string Kind,
    JsonObject? Payload,
    Instant CreatedAt,
    Instant? ResumeAt = null);
