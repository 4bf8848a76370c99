using Workflow.Host.Web.Localization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Validation;
using Workflow.Engine.Persistence;
using Workflow.Engine.Validation;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// The definition routes the Studio calls (docs/studio.md), over the engine's <see cref="IWorkflowDefinitionStore"/>:
/// load by definition id (Latest / Published / LatestOrPublished / a version number), load by version id, paged lists
/// (latest versions; all versions of some definitions for the history tab), save with optional publish, publish,
/// retract and delete. Versioning is the store's (docs/persistence.md). A definition with validation errors is saved as a
/// draft and its publish refused with 400 problem details whose <c>errors</c> the Studio shows.
/// </summary>
public static class WorkflowDefinitionEndpoints
{
    /// <summary>The Studio's save body; the Studio's "Create workflow" sends <c>publish: null</c> (a draft).</summary>
    public sealed record SaveRequest(JsonObject? Model, bool? Publish);

    public static RouteGroupBuilder MapWorkflowDefinitionEndpoints(this RouteGroupBuilder elsa)
    {
        var definitions = elsa.MapGroup("/workflow-definitions");
        definitions.MapGet("", ListAsync);
        definitions.MapGet("/by-definition-id/{definitionId}", GetByDefinitionIdAsync);
        definitions.MapGet("/by-id/{id}", GetByIdAsync);
        definitions.MapPost("", SaveAsync);
        definitions.MapPost("/import", ImportAsync);
        definitions.MapGet("/{definitionId}/export", ExportAsync);
        definitions.MapPost("/{definitionId}/publish", PublishAsync);
        definitions.MapPost("/{definitionId}/retract", RetractAsync);
        definitions.MapDelete("/{definitionId}", DeleteAsync);
        definitions.MapGet("/validation/is-name-unique", IsNameUniqueAsync);
        definitions.MapGet("/query/count", CountAsync);
        definitions.MapGet("/many-by-id", ManyByIdAsync);
        definitions.MapPost("/{definitionId}/revert/{version:int}", RevertAsync);
        definitions.MapPost("/import-files", ImportFilesAsync).DisableAntiforgery();
        return elsa;
    }

    private static async Task<bool> MayEditAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, AccessPolicies.EditWorkflows)).Succeeded;

    private static IResult NotFound(string definitionId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到流程定义。", "Workflow definition not found."), detail: Ui.T($"没有与「{definitionId}」匹配的流程定义。", $"No workflow definition '{definitionId}' matches."));

    /// <summary>
    /// <c>?versionOptions=Latest|Published|LatestOrPublished|AllVersions</c> (default Latest), <c>Page</c> (0-based),
    /// <c>PageSize</c> (1–500, default 10), <c>SearchTerm</c>, <c>DefinitionIds</c> (repeatable; with AllVersions
    /// the version history), <c>Ids</c> (repeatable version ids: exactly those versions), <c>OrderDirection</c>
    /// (Ascending by name / version, or Descending).
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext http, IWorkflowDefinitionStore store, IAuthorizationService authorization,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var page = ParseInt(query["Page"].FirstOrDefault(), 0, 0, int.MaxValue, "Page", errors);
        var pageSize = ParseInt(query["PageSize"].FirstOrDefault(), 10, 1, 500, "PageSize", errors);
        // The instance list asks with an empty versionOptions and version ids (Ids): empty means the default.
        var versionOptions = query["versionOptions"].FirstOrDefault() is { Length: > 0 } chosenOptions ? chosenOptions : "Latest";
        var versionIds = query["Ids"].Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).Distinct().ToList();
        if (versionOptions is not ("Latest" or "Published" or "LatestOrPublished" or "AllVersions"))
            errors["versionOptions"] = [Ui.T($"「{versionOptions}」须为 Latest、Published、LatestOrPublished、AllVersions 之一。", $"'{versionOptions}' is not one of Latest, Published, LatestOrPublished, AllVersions.")];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: Ui.T("列表的查询条件无效。", "The list query is not valid."));
        var descending = string.Equals(query["OrderDirection"].FirstOrDefault(), "Descending", StringComparison.OrdinalIgnoreCase);
        var definitionIds = query["DefinitionIds"].Where(d => !string.IsNullOrEmpty(d)).Select(d => d!).Distinct().ToList();
        var searchTerm = query["SearchTerm"].FirstOrDefault();

        List<StoredDefinition> matches;
        if (versionIds.Count > 0)
        {
            // Versions by their ids (the instance list's "Workflows" column), whatever versionOptions says.
            matches = [];
            foreach (var id in versionIds)
                if (await store.FindByIdAsync(id, ct) is { } version)
                    matches.Add(version);
        }
        else if (definitionIds.Count > 0 || versionOptions == "AllVersions")
        {
            var ids = definitionIds.Count > 0 ? definitionIds : (await store.ListLatestAsync(searchTerm, 0, int.MaxValue, ct)).Items.Select(d => d.DefinitionId).ToList();
            matches = [];
            foreach (var id in ids)
            {
                var versions = await store.ListVersionsAsync(id, ct);
                matches.AddRange(versionOptions switch
                {
                    "AllVersions" => versions,
                    "Published" => versions.Where(v => v.IsPublished),
                    "LatestOrPublished" => versions.Where(v => v.IsPublished).DefaultIfEmpty(versions.FirstOrDefault(v => v.IsLatest)).OfType<StoredDefinition>(),
                    _ => versions.Where(v => v.IsLatest),
                });
            }
            matches = [.. descending ? matches.OrderByDescending(v => v.Version) : matches.OrderBy(v => v.DefinitionId).ThenBy(v => v.Version)];
        }
        else
        {
            var latest = (await store.ListLatestAsync(searchTerm, 0, int.MaxValue, ct)).Items;
            matches = [];
            foreach (var version in latest)
            {
                var chosen = versionOptions switch
                {
                    "Published" => version.IsPublished ? version : await store.FindAsync(version.DefinitionId, VersionSelector.Published, null, ct),
                    "LatestOrPublished" => version.IsPublished ? version : await store.FindAsync(version.DefinitionId, VersionSelector.Published, null, ct) ?? version,
                    _ => version,
                };
                if (chosen is not null)
                    matches.Add(chosen);
            }
            if (descending)
                matches.Reverse();
        }

        var mayEdit = await MayEditAsync(authorization, http.User);
        var zone = jurisdiction.Value.Zone;
        var items = new JsonArray(matches.Skip(page * pageSize).Take(pageSize).Select(d => (JsonNode)ElsaDefinitionJson.Summary(d, mayEdit, zone)).ToArray());
        var links = new JsonArray { ElsaDefinitionJson.Link("/workflow-definitions", "self", "GET") };
        if (mayEdit)
            // The list's "Create workflow" button is enabled only when this link is present (docs/studio.md).
            links.Add(ElsaDefinitionJson.Link("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"));
        return TypedResults.Json(new JsonObject
        {
            ["items"] = items,
            ["page"] = page,
            ["pageSize"] = pageSize,
            ["totalCount"] = matches.Count,
            ["links"] = links,
        });
    }

    /// <summary><c>versionOptions</c>: Latest (default), Published, LatestOrPublished, or a version number.</summary>
    private static async Task<IResult> GetByDefinitionIdAsync(string definitionId, string? versionOptions, HttpContext http,
        IWorkflowDefinitionStore store, IAuthorizationService authorization, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var options = versionOptions ?? "Latest";
        StoredDefinition? found;
        if (int.TryParse(options, out var number))
            found = await store.FindAsync(definitionId, VersionSelector.Specific, number, ct);
        else if (Enum.TryParse<VersionSelector>(options, ignoreCase: true, out var selector) && selector is not (VersionSelector.Specific or VersionSelector.AllVersions))
            found = await store.FindAsync(definitionId, selector, null, ct);
        else
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["versionOptions"] = [Ui.T($"「{options}」须为 Latest、Published、LatestOrPublished 或版本号。", $"'{options}' is not Latest, Published, LatestOrPublished or a version number.")] },
                title: Ui.T("版本无效。", "The version is not valid."));
        return found is null
            ? NotFound(definitionId)
            : TypedResults.Json(ElsaDefinitionJson.Model(found, await MayEditAsync(authorization, http.User), jurisdiction.Value.Zone));
    }

    private static async Task<IResult> GetByIdAsync(string id, HttpContext http, IWorkflowDefinitionStore store,
        IAuthorizationService authorization, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var found = await store.FindByIdAsync(id, ct);
        return found is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到流程定义版本。", "Workflow definition version not found."), detail: Ui.T($"没有标识为「{id}」的版本。", $"No version has id '{id}'."))
            : TypedResults.Json(ElsaDefinitionJson.Model(found, await MayEditAsync(authorization, http.User), jurisdiction.Value.Zone));
    }

    /// <summary>
    /// Saves the model as the draft (docs/studio.md); with <c>publish</c> also publishes it unless validation finds an
    /// error, in which case the draft is kept and the answer is 400 with the findings under <c>errors</c>.
    /// </summary>
    private static async Task<IResult> SaveAsync([FromBody] SaveRequest? request, IWorkflowDefinitionStore store,
        WorkflowValidator validator, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        if (request?.Model is not JsonObject model)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["model"] = [Ui.T("请求体须为 {\"model\": <流程定义>, \"publish\": true|false}。", "The body must be {\"model\": <workflow definition>, \"publish\": true|false}.")] },
                title: Ui.T("缺少流程定义。", "The workflow definition is missing."));
        var outcome = await SaveModelAsync(model, request.Publish == true, store, validator, ct);
        return outcome.Problem ?? TypedResults.Json(new JsonObject
        {
            ["workflowDefinition"] = ElsaDefinitionJson.Model(outcome.Saved!, mayEdit: true, jurisdiction.Value.Zone),
            ["alreadyPublished"] = false,
            ["consumingWorkflowCount"] = 0,
            // Not read by the Studio; the editor page's findings panel shows them (docs/studio.md).
            ["findings"] = DefinitionFindings.Json(outcome.Findings),
        });
    }

    /// <summary>
    /// <c>POST /workflow-definitions/import</c>: a definition file as exported (by us or by an Elsa 3 server) is saved
    /// like a Studio save, published when the file says <c>isPublished: true</c>; answers the stored definition.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpContext http, IWorkflowDefinitionStore store, WorkflowValidator validator,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct);
        }
        catch (System.Text.Json.JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [Ui.T($"文件不是有效的 JSON：{e.Message}", $"The file is not valid JSON: {e.Message}")] },
                title: Ui.T("无法读取流程定义文件。", "The workflow definition file cannot be read."));
        }
        if (body is not JsonObject model)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [Ui.T("文件须包含一个流程定义对象。", "The file must hold one workflow definition object.")] },
                title: Ui.T("无法读取流程定义文件。", "The workflow definition file cannot be read."));
        // Studio and Elsa exports may wrap the definition as {model: ...}.
        if (model["root"] is null && model["model"] is JsonObject inner)
            model = (JsonObject)inner.DeepClone();
        var publish = model["isPublished"] is JsonValue flag && flag.TryGetValue<bool>(out var isPublished) && isPublished;
        var outcome = await SaveModelAsync(model, publish, store, validator, ct);
        return outcome.Problem ?? TypedResults.Json(ElsaDefinitionJson.Model(outcome.Saved!, mayEdit: true, jurisdiction.Value.Zone));
    }

    /// <summary>
    /// <c>POST /workflow-definitions/import-files</c> (multipart, the list's "Import" button): every uploaded <c>.json</c>
    /// file, and every <c>.json</c> inside an uploaded <c>.zip</c> (as bulk export writes them), is imported like
    /// <c>/import</c>. Answers <c>{count}</c>; if any file is refused, nothing after it is imported and the answer is
    /// that file's 400 problem, its name under <c>errors</c>. (Elsa: ImportFiles/Endpoint.cs.)
    /// </summary>
    private static async Task<IResult> ImportFilesAsync(HttpRequest request, IWorkflowDefinitionStore store, WorkflowValidator validator, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = [Ui.T("请以 multipart/form-data 上传文件。", "Send the files as multipart/form-data.")] }, title: Ui.T("没有上传文件。", "No files were uploaded."));
        var form = await request.ReadFormAsync(ct);
        if (form.Files.Count == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = [Ui.T("没有上传文件。", "No file was uploaded.")] }, title: Ui.T("没有上传文件。", "No files were uploaded."));
        var count = 0;
        foreach (var (name, text) in await DefinitionFiles.ReadAsync(form.Files, ct))
        {
            JsonObject? model;
            try
            {
                model = JsonNode.Parse(text) as JsonObject;
            }
            catch (System.Text.Json.JsonException e)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [Ui.T($"文件不是有效的 JSON：{e.Message}", $"The file is not valid JSON: {e.Message}")] },
                    title: Ui.T("有流程定义文件无法读取。", "A workflow definition file cannot be read."));
            }
            if (model is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [Ui.T("文件须包含一个流程定义对象。", "The file must hold one workflow definition object.")] },
                    title: Ui.T("有流程定义文件无法读取。", "A workflow definition file cannot be read."));
            if (model["root"] is null && model["model"] is JsonObject inner)
                model = (JsonObject)inner.DeepClone();
            var outcome = await SaveModelAsync(model, publish: false, store, validator, ct);
            if (outcome.Problem is not null)
                return outcome.Problem;
            count++;
        }
        return TypedResults.Json(new JsonObject { ["count"] = count });
    }

    /// <summary><c>?name=&amp;definitionId=</c> → <c>{isUnique}</c>: no other definition's latest version has this name (trimmed, case-insensitive). (Elsa: IsNameUnique/Endpoint.cs.)</summary>
    private static async Task<IResult> IsNameUniqueAsync(string? name, string? definitionId, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        var wanted = (name ?? "").Trim();
        var latest = (await store.ListLatestAsync(null, 0, int.MaxValue, ct)).Items;
        var taken = latest.Any(d => d.DefinitionId != definitionId && string.Equals(d.Name.Trim(), wanted, StringComparison.OrdinalIgnoreCase));
        return TypedResults.Json(new JsonObject { ["isUnique"] = !taken });
    }

    /// <summary><c>{count}</c>: how many definitions there are (each counted once, whatever its versions). (Elsa: Count/Endpoint.cs.)</summary>
    private static async Task<IResult> CountAsync(IWorkflowDefinitionStore store, CancellationToken ct) =>
        TypedResults.Json(new JsonObject { ["count"] = (await store.ListLatestAsync(null, 0, 1, ct)).TotalCount });

    /// <summary><c>?ids=a&amp;ids=b</c> (version ids) → <c>{items, count}</c> of full definitions; unknown ids are left out. (Elsa: GetManyById/Endpoint.cs.)</summary>
    private static async Task<IResult> ManyByIdAsync(HttpContext http, IWorkflowDefinitionStore store, IAuthorizationService authorization,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var ids = http.Request.Query["ids"].Concat(http.Request.Query["id"]).Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).Distinct().ToList();
        var mayEdit = await MayEditAsync(authorization, http.User);
        var items = new JsonArray();
        foreach (var id in ids)
            if (await store.FindByIdAsync(id, ct) is { } found)
                items.Add(ElsaDefinitionJson.Model(found, mayEdit, jurisdiction.Value.Zone));
        return TypedResults.Json(new JsonObject { ["items"] = items, ["count"] = items.Count });
    }

    /// <summary>
    /// <c>POST /{definitionId}/revert/{version}</c>: that version's content becomes the latest draft (a new version when
    /// the latest is published); answers the new latest version's summary. (Elsa: Version/Revert.cs.)
    /// </summary>
    private static async Task<IResult> RevertAsync(string definitionId, int version, IWorkflowDefinitionStore store,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var old = await store.FindAsync(definitionId, VersionSelector.Specific, version, ct);
        if (old is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到流程定义版本。", "Workflow definition version not found."),
                detail: Ui.T($"流程定义「{definitionId}」没有版本 {version}。", $"Workflow definition '{definitionId}' has no version {version}."));
        var reverted = await store.SaveAsync(definitionId, old.Name, old.Description, old.Json, publish: false, ct);
        return TypedResults.Json(ElsaDefinitionJson.Summary(reverted, mayEdit: true, jurisdiction.Value.Zone));
    }

    /// <summary>
    /// <c>GET /workflow-definitions/{definitionId}/export?versionOptions=</c>: the definition as a JSON file download,
    /// the same JSON the load route answers, so that import of an export restores it.
    /// </summary>
    private static async Task<IResult> ExportAsync(string definitionId, string? versionOptions, HttpContext http, IWorkflowDefinitionStore store,
        IAuthorizationService authorization, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var loaded = await GetByDefinitionIdAsync(definitionId, versionOptions, http, store, authorization, jurisdiction, ct);
        if (loaded is not JsonHttpResult<JsonObject> { Value: { } model })
            return loaded;
        model.Remove("links");
        var fileName = DefinitionFiles.SafeFileName(model["name"]?.ToString() ?? definitionId);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(model.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })),
            "application/json", fileName + ".json");
    }

    /// <summary>What a save did: the stored version (null when nothing was stored), the 400 problem if any, every finding.</summary>
    internal sealed record SaveOutcome(StoredDefinition? Saved, IResult? Problem, IReadOnlyList<FindingText> Findings);

    /// <summary>The save rules shared by the Studio's save, import and bulk publish; either the stored version or a 400 problem.</summary>
    internal static async Task<SaveOutcome> SaveModelAsync(JsonObject model, bool publish,
        IWorkflowDefinitionStore store, WorkflowValidator validator, CancellationToken ct)
    {
        var definitionId = model["definitionId"]?.ToString();
        if (string.IsNullOrWhiteSpace(definitionId))
            model["definitionId"] = definitionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        if (DefinitionGuards.RefuseBadId(definitionId) is { } badId)
            return new SaveOutcome(null, badId, []);
        var name = model["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name))
            model["name"] = name = "Workflow " + definitionId;
        // The version facts and links are the store's, not the client's.
        foreach (var key in new[] { "id", "version", "isLatest", "isPublished", "createdAt", "links", "isReadonly" })
            model.Remove(key);

        var json = model.ToJsonString();
        var (definition, raw) = validator.Validate(json);
        var findings = FindingText.Of(raw, definition);
        if (raw.Any(f => f.Severity == FindingSeverity.Error && f.Code is "json" or "shape"))
            return new SaveOutcome(null, DefinitionFindings.Problem(findings, "流程定义无法读取 / The workflow definition cannot be read."), findings);

        var publishRefused = publish && findings.Any(f => f.IsError);
        var saved = await store.SaveAsync(definitionId, name, model["description"]?.ToString(), json, publish && !publishRefused, ct);
        return new SaveOutcome(saved, publishRefused
            ? DefinitionFindings.Problem(findings, "已存为草稿；定义有错误，未发布 / Saved as a draft; not published because the definition has errors.")
            : null, findings);
    }

    private static async Task<IResult> PublishAsync(string definitionId, IWorkflowDefinitionStore store, WorkflowValidator validator,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var latest = await store.FindAsync(definitionId, VersionSelector.Latest, null, ct);
        if (latest is null)
            return NotFound(definitionId);
        var zone = jurisdiction.Value.Zone;
        if (latest.IsPublished)
            return TypedResults.Json(new JsonObject
            {
                ["workflowDefinition"] = ElsaDefinitionJson.Model(latest, mayEdit: true, zone),
                ["alreadyPublished"] = true,
                ["consumingWorkflowCount"] = 0,
            });
        var (definition, raw) = validator.Validate(latest.Json);
        var findings = FindingText.Of(raw, definition);
        if (findings.Any(f => f.IsError))
            return DefinitionFindings.Problem(findings, "定义有错误，未发布 / Not published because the definition has errors.");
        var published = await store.SaveAsync(definitionId, latest.Name, latest.Description, latest.Json, publish: true, ct);
        return TypedResults.Json(new JsonObject
        {
            ["workflowDefinition"] = ElsaDefinitionJson.Model(published, mayEdit: true, zone),
            ["alreadyPublished"] = false,
            ["consumingWorkflowCount"] = 0,
            ["findings"] = DefinitionFindings.Json(findings),
        });
    }

    /// <summary>Unpublishes the published version, unless something depends on it (409, see <see cref="DefinitionGuards"/>).</summary>
    private static async Task<IResult> RetractAsync(string definitionId, IWorkflowDefinitionStore store, [FromServices] IEnumerable<IDefinitionDependents> dependents,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        if (await store.FindAsync(definitionId, VersionSelector.Latest, null, ct) is null)
            return NotFound(definitionId);
        if (await store.FindAsync(definitionId, VersionSelector.Published, null, ct) is { } published
            && await DefinitionGuards.RefuseIfDependedOnAsync(dependents, [(definitionId, published.Version)], "撤回发布", "retracted", ct) is { } refused)
            return refused;
        var retracted = await store.RetractAsync(definitionId, ct);
        return retracted is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: Ui.T("没有可撤回的版本。", "Nothing to retract."), detail: Ui.T($"流程定义「{definitionId}」没有已发布的版本。", $"Workflow definition '{definitionId}' has no published version."))
            : TypedResults.Json(ElsaDefinitionJson.Model(retracted, mayEdit: true, jurisdiction.Value.Zone));
    }

    /// <summary>Deletes every version and its test runs, unless something depends on any of them (409).</summary>
    private static async Task<IResult> DeleteAsync(string definitionId, IWorkflowDefinitionStore store, [FromServices] IEnumerable<IDefinitionDependents> dependents,
        IWorkflowInstanceQuery instances, CancellationToken ct)
    {
        if (await store.FindAsync(definitionId, VersionSelector.Latest, null, ct) is null)
            return NotFound(definitionId);
        if (await DefinitionGuards.RefuseIfDependedOnAsync(dependents, [(definitionId, null)], "删除", "deleted", ct) is { } refused)
            return refused;
        if (!await store.DeleteAsync(definitionId, ct))
            return NotFound(definitionId);
        await instances.DeleteTestRunsAsync(definitionId, null, ct);
        return TypedResults.NoContent();
    }

    private static int ParseInt(string? text, int fallback, int min, int max, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (int.TryParse(text, out var value) && value >= min && value <= max)
            return value;
        errors[field] = [Ui.T($"「{text}」须为 {min} 到 {max} 之间的整数。", $"'{text}' must be a whole number from {min} to {max}.")];
        return fallback;
    }
}
