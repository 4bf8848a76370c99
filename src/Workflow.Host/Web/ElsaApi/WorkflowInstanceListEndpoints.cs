using Workflow.Host.Web.Localization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// The Studio's "Workflow instances" screen (docs/studio.md): the paged, filtered list, cancel, delete, their bulk forms,
/// and export. Shapes from Elsa's WorkflowInstances/List, Cancel, Delete, BulkCancel, BulkDelete and Export endpoints.
/// Production instances are permit cases with legal records: they are listed (read-only), but only <b>test</b>
/// instances (Studio runs) may be cancelled or deleted here; anything else answers 409 (cases are withdrawn from the
/// case pages). A bulk action with any production instance changes nothing.
/// </summary>
public static class WorkflowInstanceListEndpoints
{
    /// <summary>The list request (every member optional).</summary>
    public sealed record ListRequest(
        int? Page, int? PageSize, string? SearchTerm, string? DefinitionId, IReadOnlyList<string>? DefinitionIds, string? CorrelationId, string? Name,
        int? Version, bool? HasIncidents, bool? IsSystem, string? Status, IReadOnlyList<string>? Statuses, string? SubStatus, IReadOnlyList<string>? SubStatuses,
        string? OrderBy, string? OrderDirection, bool? IsTest);

    /// <summary><c>{ids: [...]}</c>.</summary>
    public sealed record IdsRequest(IReadOnlyList<string>? Ids);

    public static RouteGroupBuilder MapWorkflowInstanceListEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/workflow-instances", ListAsync).WithMetadata(ReadsOnlyMetadata.Instance);
        elsa.MapGet("/workflow-instances", ListFromQueryAsync);
        elsa.MapPost("/cancel/workflow-instances/{instanceId}", CancelAsync);
        elsa.MapDelete("/workflow-instances/{instanceId}", DeleteAsync);
        elsa.MapPost("/bulk-actions/cancel/workflow-instances", BulkCancelAsync);
        elsa.MapPost("/bulk-actions/delete/workflow-instances/by-id", BulkDeleteAsync);
        elsa.MapGet("/workflow-instances/{instanceId}/export", ExportAsync);
        elsa.MapPost("/workflow-instances/{instanceId}/export", ExportAsync).WithMetadata(ReadsOnlyMetadata.Instance);
        elsa.MapPost("/bulk-actions/export/workflow-instances", BulkExportAsync).WithMetadata(ReadsOnlyMetadata.Instance);
        return elsa;
    }

    /// <summary><c>{items, totalCount}</c> of instance summaries; 400 naming the field for an unknown status or order.</summary>
    private static async Task<IResult> ListAsync([FromBody] ListRequest? request, IWorkflowInstanceQuery query, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        request ??= new ListRequest(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        var errors = new Dictionary<string, string[]>();
        var statuses = ParseAll<WorkflowStatus>([.. request.Statuses ?? [], .. request.Status is { } s ? [s] : Array.Empty<string>()], "statuses", errors);
        var subStatuses = ParseAll<WorkflowSubStatus>([.. request.SubStatuses ?? [], .. request.SubStatus is { } u ? [u] : Array.Empty<string>()], "subStatuses", errors);
        var order = request.OrderBy switch
        {
            null or "" or "Created" => WorkflowInstanceOrder.Created,
            "LastExecuted" or "Updated" => WorkflowInstanceOrder.Updated,
            "Finished" => WorkflowInstanceOrder.Finished,
            "Name" => WorkflowInstanceOrder.Name,
            var other => Invalid(errors, "orderBy", Ui.T($"「{other}」须为 Created、LastExecuted、Finished 或 Name。", $"'{other}' is not Created, LastExecuted, Finished or Name.")),
        };
        var pageSize = request.PageSize ?? 50;
        if (pageSize is < 1 or > 500) errors["pageSize"] = [Ui.T($"pageSize 须为 1 到 500 之间的整数（现为 {pageSize}）。", $"{pageSize} must be from 1 to 500.")];
        if (request.Page is < 0) errors["page"] = [Ui.T($"page 不能为负数（现为 {request.Page}）。", $"{request.Page} must not be negative.")];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: Ui.T("实例列表的查询条件无效。", "The instance list query is not valid."));

        List<string> definitionIds = [.. request.DefinitionIds ?? [], .. request.DefinitionId is { Length: > 0 } d ? [d] : Array.Empty<string>()];
        var filter = new WorkflowInstanceFilter
        {
            DefinitionIds = definitionIds.Count > 0 ? definitionIds : null,
            Version = request.Version,
            CorrelationId = string.IsNullOrEmpty(request.CorrelationId) ? null : request.CorrelationId,
            SearchTerm = string.IsNullOrWhiteSpace(request.SearchTerm) ? request.Name : request.SearchTerm.Trim(),
            Statuses = statuses.Count > 0 ? statuses : null,
            SubStatuses = subStatuses.Count > 0 ? subStatuses : null,
            HasFault = request.HasIncidents,
            IsTest = request.IsTest,
        };
        var descending = !string.Equals(request.OrderDirection, "Ascending", StringComparison.OrdinalIgnoreCase);
        var page = request.Page ?? 0;
        var (items, total) = await query.ListAsync(filter, order, descending, page * pageSize, pageSize, ct);
        var zone = jurisdiction.Value.Zone;
        return TypedResults.Json(new JsonObject
        {
            ["items"] = new JsonArray(items.Select(i => (JsonNode)Summary(i, zone)).ToArray()),
            ["totalCount"] = total,
        });
    }

    /// <summary>The same list from query parameters (<c>?page&amp;pageSize&amp;searchTerm&amp;definitionId&amp;status&amp;isTest</c>).</summary>
    private static Task<IResult> ListFromQueryAsync(int? page, int? pageSize, string? searchTerm, string? definitionId, string? status, string? subStatus,
        bool? isTest, string? orderBy, string? orderDirection, IWorkflowInstanceQuery query, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct) =>
        ListAsync(new ListRequest(page, pageSize, searchTerm, definitionId, null, null, null, null, null, null, status, null, subStatus, null, orderBy, orderDirection, isTest),
            query, jurisdiction, ct);

    /// <summary>One summary as Elsa's <c>WorkflowInstanceSummary</c>, with our <c>isTest</c>.</summary>
    public static JsonObject Summary(WorkflowInstanceSummary i, NodaTime.DateTimeZone zone) => new()
    {
        ["id"] = i.Id,
        ["definitionId"] = i.DefinitionId,
        ["definitionVersionId"] = i.DefinitionVersionId,
        ["version"] = i.DefinitionVersion,
        ["status"] = i.Status.ToString(),
        ["subStatus"] = i.SubStatus.ToString(),
        ["correlationId"] = i.CorrelationId,
        ["name"] = i.Name,
        ["incidentCount"] = i.HasFault ? 1 : 0,
        ["isSystem"] = false,
        ["isTest"] = i.IsTest,
        ["createdAt"] = ZonedInstantJsonConverter.Format(i.CreatedAt, zone),
        ["updatedAt"] = ZonedInstantJsonConverter.Format(i.UpdatedAt, zone),
        ["finishedAt"] = i.FinishedAt is { } f ? ZonedInstantJsonConverter.Format(f, zone) : null,
    };

    private static async Task<IResult> CancelAsync(string instanceId, IWorkflowInstanceStore instances, WorkflowRuntime runtime, CancellationToken ct)
    {
        var instance = await instances.FindAsync(instanceId, ct);
        if (instance is null) return NotFound(instanceId);
        if (RefuseProduction([instance], "取消", "cancelled") is { } refused) return refused;
        if (instance.Status == WorkflowStatus.Running)
            await runtime.CancelAsync(instanceId, "cancelled in the Studio", ct);
        return TypedResults.Ok();
    }

    private static async Task<IResult> DeleteAsync(string instanceId, IWorkflowInstanceStore instances, IWorkflowInstanceQuery query, CancellationToken ct)
    {
        var instance = await instances.FindAsync(instanceId, ct);
        if (instance is null) return NotFound(instanceId);
        if (RefuseProduction([instance], "删除", "deleted") is { } refused) return refused;
        await query.DeleteAsync(instanceId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>→ <c>{cancelled}</c>: how many running test instances were cancelled.</summary>
    private static async Task<IResult> BulkCancelAsync([FromBody] IdsRequest? request, IWorkflowInstanceStore instances, WorkflowRuntime runtime, CancellationToken ct)
    {
        var found = await FindAllAsync(request, instances, ct);
        if (RefuseProduction(found, "取消", "cancelled") is { } refused) return refused;
        var cancelled = 0;
        foreach (var instance in found.Where(i => i.Status == WorkflowStatus.Running))
        {
            await runtime.CancelAsync(instance.Id, "cancelled in the Studio", ct);
            cancelled++;
        }
        return TypedResults.Json(new JsonObject { ["cancelled"] = cancelled });
    }

    /// <summary>→ <c>{deleted}</c>: how many test instances were deleted.</summary>
    private static async Task<IResult> BulkDeleteAsync([FromBody] IdsRequest? request, IWorkflowInstanceStore instances, IWorkflowInstanceQuery query, CancellationToken ct)
    {
        var found = await FindAllAsync(request, instances, ct);
        if (RefuseProduction(found, "删除", "deleted") is { } refused) return refused;
        var deleted = 0;
        foreach (var instance in found)
            if (await query.DeleteAsync(instance.Id, ct))
                deleted++;
        return TypedResults.Json(new JsonObject { ["deleted"] = deleted });
    }

    /// <summary>One instance as a JSON download: its state (as <c>GET /workflow-instances/{id}</c> has it) and its journal.</summary>
    private static async Task<IResult> ExportAsync(string instanceId, IWorkflowInstanceStore instances, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var instance = await instances.FindAsync(instanceId, ct);
        if (instance is null) return NotFound(instanceId);
        var text = (await ExportJsonAsync(instance, instances, jurisdiction.Value.Zone, ct)).ToJsonString(Indented);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(text), "application/json", DefinitionFiles.SafeFileName($"workflow-instance-{instance.Id}.json"));
    }

    /// <summary><c>{ids}</c> → one JSON file, or a zip of them for several; 204 when none exists.</summary>
    private static async Task<IResult> BulkExportAsync([FromBody] IdsRequest? request, IWorkflowInstanceStore instances, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var found = await FindAllAsync(request, instances, ct);
        if (found.Count == 0) return TypedResults.NoContent();
        if (found.Count == 1) return await ExportAsync(found[0].Id, instances, jurisdiction, ct);
        var files = new List<(string, string)>();
        foreach (var instance in found)
            files.Add(($"workflow-instance-{instance.Id}.json", (await ExportJsonAsync(instance, instances, jurisdiction.Value.Zone, ct)).ToJsonString(Indented)));
        return TypedResults.File(DefinitionFiles.Zip(files), "application/zip", "workflow-instances.zip");
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static async Task<JsonObject> ExportJsonAsync(WorkflowInstance instance, IWorkflowInstanceStore instances, NodaTime.DateTimeZone zone, CancellationToken ct)
    {
        var journal = await instances.GetJournalAsync(instance.Id, ct);
        var summary = Summary(WorkflowInstanceSummary.Of(instance), zone);
        summary["input"] = instance.Input.DeepClone();
        summary["variables"] = instance.Variables.DeepClone();
        summary["bookmarks"] = new JsonArray(instance.Bookmarks.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = b.Id, ["activityId"] = b.ActivityId, ["activityTypeName"] = b.ActivityType, ["kind"] = b.Kind,
        }).ToArray());
        summary["journal"] = new JsonArray(journal.Select(j => (JsonNode)new JsonObject
        {
            ["sequence"] = j.Sequence, ["activityId"] = j.ActivityId, ["activityType"] = j.ActivityType, ["event"] = j.Event.ToString(),
            ["outcome"] = j.Outcome, ["at"] = ZonedInstantJsonConverter.Format(j.At, zone),
        }).ToArray());
        return summary;
    }

    private static async Task<List<WorkflowInstance>> FindAllAsync(IdsRequest? request, IWorkflowInstanceStore instances, CancellationToken ct)
    {
        var found = new List<WorkflowInstance>();
        foreach (var id in request?.Ids?.Where(i => !string.IsNullOrEmpty(i)).Distinct() ?? [])
            if (await instances.FindAsync(id, ct) is { } instance)
                found.Add(instance);
        return found;
    }

    /// <summary>409 when any of the instances is not a test instance.</summary>
    private static IResult? RefuseProduction(IReadOnlyList<WorkflowInstance> instances, string actionZh, string actionEn)
    {
        var production = instances.Where(i => !i.IsTest).Select(i => i.Id).ToList();
        if (production.Count == 0) return null;
        var zh = $"{production.Count} 个实例是正式办件，不能在流程设计器中{actionZh}（办件请在办件页面撤回）：{string.Join(", ", production)}。";
        var en = $"{production.Count} instance(s) are production cases and cannot be {actionEn} in the Studio (withdraw a case from its case page): {string.Join(", ", production)}.";
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"正式办件不能{actionZh} / Production cases cannot be {actionEn}.",
            detail: zh + " " + en,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["ids"] = [zh, en] }, ["productionInstances"] = production });
    }

    private static IResult NotFound(string instanceId) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: Ui.T("未找到流程实例。", "Workflow instance not found."), detail: Ui.T($"流程实例「{instanceId}」不存在。", $"No workflow instance '{instanceId}' exists."));

    private static List<T> ParseAll<T>(IEnumerable<string> texts, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        var parsed = new List<T>();
        foreach (var text in texts.Where(t => !string.IsNullOrEmpty(t)))
            if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)) parsed.Add(value);
            else errors[field] = [$"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}."];
        return parsed;
    }

    private static WorkflowInstanceOrder Invalid(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return WorkflowInstanceOrder.Created;
    }
}
