using Workflow.Host.Web.Localization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Engine.Persistence;
using Workflow.Engine.Validation;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// The definition list's bulk actions and the version history's delete (docs/studio.md): bulk delete, publish,
/// retract and export of definitions, delete of one version or several. Deleting or retracting anything a dependent
/// (a live instance, a binding…) uses refuses the whole request with 409 and changes nothing (<see cref="DefinitionGuards"/>).
/// Shapes from Elsa's WorkflowDefinitions/BulkDelete, BulkPublish, BulkRetract, BulkDeleteVersions, DeleteVersion and Export endpoints.
/// </summary>
public static class WorkflowDefinitionBulkEndpoints
{
    /// <summary><c>{definitionIds: [...]}</c>.</summary>
    public sealed record DefinitionIdsRequest(IReadOnlyList<string>? DefinitionIds);

    /// <summary><c>{ids: [...]}</c> (version ids), or for export <c>{ids}</c> of version ids and/or <c>{definitionIds}</c>.</summary>
    public sealed record IdsRequest(IReadOnlyList<string>? Ids, IReadOnlyList<string>? DefinitionIds = null);

    public static RouteGroupBuilder MapWorkflowDefinitionBulkEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapPost("/bulk-actions/delete/workflow-definitions/by-definition-id", BulkDeleteAsync);
        elsa.MapPost("/bulk-actions/delete/workflow-definitions/by-id", BulkDeleteVersionsAsync);
        elsa.MapPost("/bulk-actions/publish/workflow-definitions/by-definition-ids", BulkPublishAsync);
        elsa.MapPost("/bulk-actions/retract/workflow-definitions/by-definition-ids", BulkRetractAsync);
        elsa.MapPost("/bulk-actions/export/workflow-definitions", BulkExportAsync);
        elsa.MapDelete("/workflow-definition-versions/{id}", DeleteVersionAsync);
        return elsa;
    }

    private static List<string> Distinct(IReadOnlyList<string>? ids) => ids?.Where(i => !string.IsNullOrEmpty(i)).Distinct().ToList() ?? [];

    /// <summary>→ <c>{deleted}</c>: how many definitions existed and were deleted.</summary>
    private static async Task<IResult> BulkDeleteAsync([FromBody] DefinitionIdsRequest? request, IWorkflowDefinitionStore store,
        [FromServices] IEnumerable<IDefinitionDependents> dependents, IWorkflowInstanceQuery instances, CancellationToken ct)
    {
        var ids = Distinct(request?.DefinitionIds);
        if (await DefinitionGuards.RefuseIfDependedOnAsync(dependents, ids.Select(id => (id, (int?)null)), "删除", "deleted", ct) is { } refused)
            return refused;
        var deleted = 0;
        foreach (var id in ids)
            if (await store.DeleteAsync(id, ct))
            {
                deleted++;
                await instances.DeleteTestRunsAsync(id, null, ct);
            }
        return TypedResults.Json(new JsonObject { ["deleted"] = deleted });
    }

    /// <summary>→ <c>{deleted}</c>: how many of the versions existed and were deleted.</summary>
    private static async Task<IResult> BulkDeleteVersionsAsync([FromBody] IdsRequest? request, IWorkflowDefinitionStore store,
        [FromServices] IEnumerable<IDefinitionDependents> dependents, IWorkflowInstanceQuery instances, CancellationToken ct)
    {
        var versions = new List<StoredDefinition>();
        foreach (var id in Distinct(request?.Ids))
            if (await store.FindByIdAsync(id, ct) is { } found)
                versions.Add(found);
        if (await DefinitionGuards.RefuseIfDependedOnAsync(dependents, versions.Select(v => (v.DefinitionId, (int?)v.Version)), "删除", "deleted", ct) is { } refused)
            return refused;
        var deleted = 0;
        foreach (var version in versions)
            if (await store.DeleteVersionAsync(version.Id, ct))
            {
                deleted++;
                await instances.DeleteTestRunsAsync(version.DefinitionId, version.Version, ct);
            }
        return TypedResults.Json(new JsonObject { ["deleted"] = deleted });
    }

    /// <summary>204, 404 when no version has the id, 409 when something depends on it.</summary>
    private static async Task<IResult> DeleteVersionAsync(string id, IWorkflowDefinitionStore store, [FromServices] IEnumerable<IDefinitionDependents> dependents,
        IWorkflowInstanceQuery instances, CancellationToken ct)
    {
        if (await store.FindByIdAsync(id, ct) is not { } version)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到流程定义版本。", "Workflow definition version not found."), detail: Ui.T($"没有标识为「{id}」的版本。", $"No version has id '{id}'."));
        if (await DefinitionGuards.RefuseIfDependedOnAsync(dependents, [(version.DefinitionId, version.Version)], "删除", "deleted", ct) is { } refused)
            return refused;
        if (await store.DeleteVersionAsync(id, ct))
            await instances.DeleteTestRunsAsync(version.DefinitionId, version.Version, ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// → <c>{published, alreadyPublished, notFound, skipped, updatedConsumers, failed, warnings}</c>. A definition whose
    /// latest version has validation errors is not published and listed under <c>failed</c>; its errors and any warnings
    /// are under <c>warnings[definitionId]</c> (the Chinese and English lines).
    /// </summary>
    private static async Task<IResult> BulkPublishAsync([FromBody] DefinitionIdsRequest? request, IWorkflowDefinitionStore store, WorkflowValidator validator, CancellationToken ct)
    {
        JsonArray published = [], alreadyPublished = [], notFound = [], failed = [];
        var warnings = new JsonObject();
        foreach (var id in Distinct(request?.DefinitionIds))
        {
            var latest = await store.FindAsync(id, VersionSelector.Latest, null, ct);
            if (latest is null) { notFound.Add(id); continue; }
            if (latest.IsPublished) { alreadyPublished.Add(id); continue; }
            var (definition, raw) = validator.Validate(latest.Json);
            var findings = Definitions.Validation.FindingText.Of(raw, definition);
            if (findings.Count > 0)
                warnings[id] = new JsonArray(findings.SelectMany(f => new[] { f.Zh, f.En }).Select(t => (JsonNode)t!).ToArray());
            if (findings.Any(f => f.IsError)) { failed.Add(id); continue; }
            await store.PublishAsync(id, ct);
            published.Add(id);
        }
        return TypedResults.Json(new JsonObject
        {
            ["published"] = published, ["alreadyPublished"] = alreadyPublished, ["notFound"] = notFound, ["skipped"] = new JsonArray(),
            ["updatedConsumers"] = new JsonArray(), ["failed"] = failed, ["warnings"] = warnings,
        });
    }

    /// <summary>→ <c>{retracted, alreadyRetracted, notPublished, notFound, skipped}</c>; 409 (nothing retracted) when a published version is in use.</summary>
    private static async Task<IResult> BulkRetractAsync([FromBody] DefinitionIdsRequest? request, IWorkflowDefinitionStore store,
        [FromServices] IEnumerable<IDefinitionDependents> dependents, CancellationToken ct)
    {
        JsonArray retracted = [], alreadyRetracted = [], notFound = [];
        var publishedVersions = new List<StoredDefinition>();
        foreach (var id in Distinct(request?.DefinitionIds))
        {
            if (await store.FindAsync(id, VersionSelector.Latest, null, ct) is null) { notFound.Add(id); continue; }
            if (await store.FindAsync(id, VersionSelector.Published, null, ct) is { } published) publishedVersions.Add(published);
            else alreadyRetracted.Add(id);
        }
        if (await DefinitionGuards.RefuseIfDependedOnAsync(dependents, publishedVersions.Select(v => (v.DefinitionId, (int?)v.Version)), "撤回发布", "retracted", ct) is { } refused)
            return refused;
        foreach (var version in publishedVersions)
            if (await store.RetractAsync(version.DefinitionId, ct) is not null)
                retracted.Add(version.DefinitionId);
        return TypedResults.Json(new JsonObject
        {
            ["retracted"] = retracted, ["alreadyRetracted"] = alreadyRetracted, ["notPublished"] = alreadyRetracted.DeepClone(),
            ["notFound"] = notFound, ["skipped"] = new JsonArray(),
        });
    }

    /// <summary>
    /// <c>{ids}</c> (version ids) and/or <c>{definitionIds}</c> (their latest versions) → a zip of one JSON file per version,
    /// each the load answer without links (importable with import-files); 204 when none exists.
    /// </summary>
    private static async Task<IResult> BulkExportAsync([FromBody] IdsRequest? request, IWorkflowDefinitionStore store,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var versions = new List<StoredDefinition>();
        foreach (var id in Distinct(request?.Ids))
            if (await store.FindByIdAsync(id, ct) is { } found)
                versions.Add(found);
        foreach (var id in Distinct(request?.DefinitionIds))
            if (await store.FindAsync(id, VersionSelector.Latest, null, ct) is { } found && versions.All(v => v.Id != found.Id))
                versions.Add(found);
        if (versions.Count == 0)
            return TypedResults.NoContent();
        var files = versions.Select(v =>
        {
            var model = ElsaDefinitionJson.Model(v, mayEdit: false, jurisdiction.Value.Zone);
            model.Remove("links");
            model.Remove("isReadonly");
            return (DefinitionFiles.SafeFileName($"{v.DefinitionId}-v{v.Version}.json"), model.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        });
        return TypedResults.File(DefinitionFiles.Zip(files), "application/zip", "workflow-definitions.zip");
    }
}
