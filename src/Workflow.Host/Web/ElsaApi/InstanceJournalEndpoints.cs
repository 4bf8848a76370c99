using Workflow.Host.Web.Localization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// What the instance viewer reads after the instance (observed, docs/studio.md), built from the engine's journal and
/// the instance's variables: the journal (<c>POST /workflow-instances/{id}/journal?skip&amp;take</c>), the variables
/// (<c>GET /workflow-instances/{id}/variables</c>), and per-activity executions (<c>GET /activity-executions/list</c>,
/// <c>GET /activity-execution-summaries/list</c>, both by <c>WorkflowInstanceId</c> and <c>ActivityNodeId</c>), and the
/// per-node counts (<c>POST /activity-executions/report</c>).
/// Our journal has no activity-instance ids: an execution is one <c>Started</c> line of a node and what follows it
/// for that node, numbered per node (<c>nodeId#1</c>, <c>nodeId#2</c> ...).
/// </summary>
public static class InstanceJournalEndpoints
{
    public static RouteGroupBuilder MapInstanceJournalEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/workflow-instances/{instanceId}/journal", JournalAsync).ReadsOnly();
        elsa.MapGet("/workflow-instances/{instanceId}/journal", JournalAsync);
        elsa.MapGet("/workflow-instances/{instanceId}/variables", VariablesAsync);
        elsa.MapGet("/activity-executions/list", (HttpContext http, IWorkflowInstanceStore store, IOptions<JurisdictionOptions> j, CancellationToken ct) =>
            ExecutionsAsync(http, store, j.Value.Zone, summaries: false, ct));
        elsa.MapGet("/activity-execution-summaries/list", (HttpContext http, IWorkflowInstanceStore store, IOptions<JurisdictionOptions> j, CancellationToken ct) =>
            ExecutionsAsync(http, store, j.Value.Zone, summaries: true, ct));
        elsa.MapPost("/activity-executions/report", ReportAsync).ReadsOnly();
        return elsa;
    }

    /// <summary>The body of <c>POST /activity-executions/report</c>: which nodes of which instance to count.</summary>
    public sealed record ReportRequest(string? WorkflowInstanceId, IReadOnlyList<string>? ActivityNodeIds);

    /// <summary>Per node: how often it started and completed, and whether it waits (a bookmark) or faulted; the viewer colours nodes by it.</summary>
    private static async Task<IResult> ReportAsync(ReportRequest? request, IWorkflowInstanceStore store, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request?.WorkflowInstanceId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["workflowInstanceId"] = [Ui.T("请指明流程实例标识。", "The workflow instance id is required.")] });
        var instance = await store.FindAsync(request.WorkflowInstanceId, ct);
        if (instance is null)
            return InstanceNotFound(request.WorkflowInstanceId);
        var journal = await store.GetJournalAsync(instance.Id, ct);
        var wanted = request.ActivityNodeIds is { Count: > 0 } ids ? ids.ToHashSet() : journal.Select(e => e.NodeId).ToHashSet();
        var stats = journal.Where(e => wanted.Contains(e.NodeId)).GroupBy(e => e.NodeId).Select(g =>
        {
            var started = g.Count(e => e.Event == JournalEventKind.Started);
            var completed = g.Count(e => e.Event == JournalEventKind.Completed);
            return (JsonNode)new JsonObject
            {
                ["activityId"] = g.First().ActivityId,
                ["activityNodeId"] = g.Key,
                ["startedCount"] = started,
                ["completedCount"] = completed,
                ["uncompletedCount"] = Math.Max(0, started - completed),
                ["isBlocked"] = instance.Bookmarks.Any(b => b.NodeId == g.Key),
                ["isFaulted"] = g.Any(e => e.Event == JournalEventKind.Faulted),
            };
        }).ToArray();
        return TypedResults.Json(new JsonObject { ["stats"] = new JsonArray(stats) });
    }

    private static IResult InstanceNotFound(string instanceId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到流程实例。", "Workflow instance not found."), detail: Ui.T($"流程实例「{instanceId}」不存在。", $"No workflow instance '{instanceId}' exists."));

    /// <summary>Elsa's journal event names for our journal kinds.</summary>
    private static string EventName(JournalEventKind kind) => kind switch
    {
        JournalEventKind.BookmarkCreated => "Suspended",
        JournalEventKind.Cancelled => "Canceled",
        _ => kind.ToString(),
    };

    /// <summary>Each journal line with the execution (activity instance) id it belongs to.</summary>
    private static IEnumerable<(JournalEntry Entry, string ExecutionId)> WithExecutionIds(IEnumerable<JournalEntry> journal)
    {
        var counts = new Dictionary<string, int>();
        foreach (var entry in journal.OrderBy(e => e.Sequence))
        {
            if (entry.Event == JournalEventKind.Started || !counts.ContainsKey(entry.NodeId))
                counts[entry.NodeId] = counts.GetValueOrDefault(entry.NodeId) + 1;
            yield return (entry, $"{entry.NodeId}#{counts[entry.NodeId]}");
        }
    }

    private static async Task<IResult> JournalAsync(string instanceId, int? skip, int? take, IWorkflowInstanceStore store,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        if (await store.FindAsync(instanceId, ct) is null)
            return InstanceNotFound(instanceId);
        var zone = jurisdiction.Value.Zone;
        var all = WithExecutionIds(await store.GetJournalAsync(instanceId, ct)).ToList();
        var page = all.Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 100, 1, 1000));
        var items = new JsonArray(page.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = $"{instanceId}:{p.Entry.Sequence}",
            ["workflowInstanceId"] = instanceId,
            ["activityInstanceId"] = p.ExecutionId,
            ["parentActivityInstanceId"] = null,
            ["activityId"] = p.Entry.ActivityId,
            ["activityType"] = p.Entry.ActivityType,
            ["activityTypeVersion"] = 1,
            ["activityName"] = p.Entry.ActivityId,
            ["nodeId"] = p.Entry.NodeId,
            ["timestamp"] = ZonedInstantJsonConverter.Format(p.Entry.At, zone),
            ["sequence"] = p.Entry.Sequence,
            ["eventName"] = EventName(p.Entry.Event),
            ["message"] = p.Entry.Data?["message"]?.ToString() ?? p.Entry.Outcome,
            ["source"] = null,
            ["payload"] = p.Entry.Data?.DeepClone(),
        }).ToArray());
        return TypedResults.Json(new JsonObject { ["items"] = items, ["totalCount"] = all.Count });
    }

    private static async Task<IResult> VariablesAsync(string instanceId, IWorkflowInstanceStore store, IWorkflowDefinitionStore definitions, CancellationToken ct)
    {
        var instance = await store.FindAsync(instanceId, ct);
        if (instance is null)
            return InstanceNotFound(instanceId);
        // The Studio matches variables by the definition's variable ids; the instance keeps values by name.
        var ids = new Dictionary<string, string>();
        if (await definitions.FindByIdAsync(instance.DefinitionVersionId, ct) is { } version
            && ElsaDefinitionJson.Parse(version.Json)["variables"] is JsonArray declared)
            foreach (var v in declared.OfType<JsonObject>())
                if (v["name"]?.ToString() is { } name && v["id"]?.ToString() is { } id)
                    ids[name] = id;
        var items = new JsonArray(instance.Variables.Select(v => (JsonNode)new JsonObject
        {
            ["id"] = ids.GetValueOrDefault(v.Key, v.Key),
            ["name"] = v.Key,
            ["value"] = v.Value?.DeepClone(),
        }).ToArray());
        return TypedResults.Json(new JsonObject { ["items"] = items, ["count"] = items.Count });
    }

    private static async Task<IResult> ExecutionsAsync(HttpContext http, IWorkflowInstanceStore store, DateTimeZone zone, bool summaries, CancellationToken ct)
    {
        var instanceId = http.Request.Query["WorkflowInstanceId"].FirstOrDefault();
        var nodeId = http.Request.Query["ActivityNodeId"].FirstOrDefault();
        if (string.IsNullOrEmpty(instanceId))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["WorkflowInstanceId"] = [Ui.T("请指明流程实例标识。", "The workflow instance id is required.")] });
        if (await store.FindAsync(instanceId, ct) is null)
            return InstanceNotFound(instanceId);

        var executions = WithExecutionIds(await store.GetJournalAsync(instanceId, ct))
            .Where(p => string.IsNullOrEmpty(nodeId) || p.Entry.NodeId == nodeId)
            .GroupBy(p => p.ExecutionId)
            .Select(g =>
            {
                var lines = g.Select(p => p.Entry).ToList();
                var first = lines[0];
                var last = lines[^1];
                var status = last.Event switch
                {
                    JournalEventKind.Completed => "Completed",
                    JournalEventKind.Faulted => "Faulted",
                    JournalEventKind.Cancelled => "Canceled",
                    _ => "Running",
                };
                var record = new JsonObject
                {
                    ["id"] = g.Key,
                    ["workflowInstanceId"] = instanceId,
                    ["activityId"] = first.ActivityId,
                    ["activityNodeId"] = first.NodeId,
                    ["activityType"] = first.ActivityType,
                    ["activityTypeVersion"] = 1,
                    ["activityName"] = first.ActivityId,
                    ["startedAt"] = ZonedInstantJsonConverter.Format(first.At, zone),
                    ["hasBookmarks"] = lines.Any(l => l.Event == JournalEventKind.BookmarkCreated) && status == "Running",
                    ["status"] = status,
                    ["completedAt"] = status == "Running" ? null : ZonedInstantJsonConverter.Format(last.At, zone),
                };
                if (!summaries)
                {
                    record["activityState"] = new JsonObject();
                    record["outputs"] = new JsonObject();
                    record["payload"] = last.Data?.DeepClone() ?? new JsonObject();
                    record["properties"] = new JsonObject();
                    record["exception"] = last.Event == JournalEventKind.Faulted
                        ? new JsonObject { ["message"] = last.Data?["message"]?.ToString() ?? "The activity faulted." }
                        : null;
                }
                return (JsonNode)record;
            })
            .ToArray();
        return TypedResults.Json(new JsonObject { ["items"] = new JsonArray(executions), ["count"] = executions.Length });
    }
}
