using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Engine.Persistence;
using Workflow.Engine.Validation;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// The definition routes the Studio calls (STUDIO-API.md), over the engine's <see cref="IWorkflowDefinitionStore"/>:
/// load by definition id (Latest / Published / LatestOrPublished / a version number), load by version id, paged lists
/// (latest versions; all versions of some definitions for the history tab), save with optional publish, publish,
/// retract and delete. Versioning is the store's (CONTRACTS.md §9). A definition with validation errors is saved as a
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
        return elsa;
    }

    private static async Task<bool> MayEditAsync(IAuthorizationService authorization, ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, AccessPolicies.EditWorkflows)).Succeeded;

    private static IResult NotFound(string definitionId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Workflow definition not found.", detail: $"No workflow definition '{definitionId}' matches.");

    /// <summary>
    /// <c>?versionOptions=Latest|Published|LatestOrPublished|AllVersions</c> (default Latest), <c>Page</c> (0-based),
    /// <c>PageSize</c> (1–500, default 10), <c>SearchTerm</c>, <c>DefinitionIds</c> (repeatable; with AllVersions
    /// the version history), <c>OrderDirection</c> (Ascending by name / version, or Descending).
    /// </summary>
    private static async Task<IResult> ListAsync(HttpContext http, IWorkflowDefinitionStore store, IAuthorizationService authorization,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        var page = ParseInt(query["Page"].FirstOrDefault(), 0, 0, int.MaxValue, "Page", errors);
        var pageSize = ParseInt(query["PageSize"].FirstOrDefault(), 10, 1, 500, "PageSize", errors);
        var versionOptions = query["versionOptions"].FirstOrDefault() ?? "Latest";
        if (versionOptions is not ("Latest" or "Published" or "LatestOrPublished" or "AllVersions"))
            errors["versionOptions"] = [$"'{versionOptions}' is not one of Latest, Published, LatestOrPublished, AllVersions."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The list query is not valid.");
        var descending = string.Equals(query["OrderDirection"].FirstOrDefault(), "Descending", StringComparison.OrdinalIgnoreCase);
        var definitionIds = query["DefinitionIds"].Where(d => !string.IsNullOrEmpty(d)).Select(d => d!).Distinct().ToList();
        var searchTerm = query["SearchTerm"].FirstOrDefault();

        List<StoredDefinition> matches;
        if (definitionIds.Count > 0 || versionOptions == "AllVersions")
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
            // The list's "Create workflow" button is enabled only when this link is present (STUDIO-API.md).
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
                new Dictionary<string, string[]> { ["versionOptions"] = [$"'{options}' is not Latest, Published, LatestOrPublished or a version number."] },
                title: "The version is not valid.");
        return found is null
            ? NotFound(definitionId)
            : TypedResults.Json(ElsaDefinitionJson.Model(found, await MayEditAsync(authorization, http.User), jurisdiction.Value.Zone));
    }

    private static async Task<IResult> GetByIdAsync(string id, HttpContext http, IWorkflowDefinitionStore store,
        IAuthorizationService authorization, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var found = await store.FindByIdAsync(id, ct);
        return found is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Workflow definition version not found.", detail: $"No version has id '{id}'.")
            : TypedResults.Json(ElsaDefinitionJson.Model(found, await MayEditAsync(authorization, http.User), jurisdiction.Value.Zone));
    }

    /// <summary>
    /// Saves the model as the draft (CONTRACTS.md §9); with <c>publish</c> also publishes it unless validation finds an
    /// error, in which case the draft is kept and the answer is 400 with the findings under <c>errors</c>.
    /// </summary>
    private static async Task<IResult> SaveAsync([FromBody] SaveRequest? request, IWorkflowDefinitionStore store,
        WorkflowValidator validator, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        if (request?.Model is not JsonObject model)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["model"] = ["The body must be {\"model\": <workflow definition>, \"publish\": true|false}."] },
                title: "The workflow definition is missing.");
        var (saved, problem) = await SaveModelAsync(model, request.Publish == true, store, validator, ct);
        return problem ?? TypedResults.Json(new JsonObject
        {
            ["workflowDefinition"] = ElsaDefinitionJson.Model(saved!, mayEdit: true, jurisdiction.Value.Zone),
            ["alreadyPublished"] = false,
            ["consumingWorkflowCount"] = 0,
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
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"The file is not valid JSON: {e.Message}"] },
                title: "The workflow definition file cannot be read.");
        }
        if (body is not JsonObject model)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The file must hold one workflow definition object."] },
                title: "The workflow definition file cannot be read.");
        // Studio and Elsa exports may wrap the definition as {model: ...}.
        if (model["root"] is null && model["model"] is JsonObject inner)
            model = (JsonObject)inner.DeepClone();
        var publish = model["isPublished"] is JsonValue flag && flag.TryGetValue<bool>(out var isPublished) && isPublished;
        var (saved, problem) = await SaveModelAsync(model, publish, store, validator, ct);
        return problem ?? TypedResults.Json(ElsaDefinitionJson.Model(saved!, mayEdit: true, jurisdiction.Value.Zone));
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
        var fileName = string.Concat((model["name"]?.ToString() ?? definitionId).Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c));
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(model.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })),
            "application/json", fileName + ".json");
    }

    /// <summary>The save rules shared by the Studio's save and import; either the stored version or a 400 problem.</summary>
    private static async Task<(StoredDefinition? Saved, IResult? Problem)> SaveModelAsync(JsonObject model, bool publish,
        IWorkflowDefinitionStore store, WorkflowValidator validator, CancellationToken ct)
    {
        var definitionId = model["definitionId"]?.ToString();
        if (string.IsNullOrWhiteSpace(definitionId))
            model["definitionId"] = definitionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var name = model["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(name))
            model["name"] = name = "Workflow " + definitionId;
        // The version facts and links are the store's, not the client's.
        foreach (var key in new[] { "id", "version", "isLatest", "isPublished", "createdAt", "links", "isReadonly" })
            model.Remove(key);

        var json = model.ToJsonString();
        var (_, findings) = validator.Validate(json);
        if (findings.Any(f => f.Severity == FindingSeverity.Error && f.Code is "json" or "shape"))
            return (null, ValidationFailed(findings, "The workflow definition cannot be read."));

        var publishRefused = publish && findings.Any(f => f.Severity == FindingSeverity.Error);
        var saved = await store.SaveAsync(definitionId, name, model["description"]?.ToString(), json, publish && !publishRefused, ct);
        return publishRefused
            ? (saved, ValidationFailed(findings, "Saved as a draft; not published because the definition has errors."))
            : (saved, null);
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
        var (_, findings) = validator.Validate(latest.Json);
        if (findings.Any(f => f.Severity == FindingSeverity.Error))
            return ValidationFailed(findings, "Not published because the definition has errors.");
        var published = await store.SaveAsync(definitionId, latest.Name, latest.Description, latest.Json, publish: true, ct);
        return TypedResults.Json(new JsonObject
        {
            ["workflowDefinition"] = ElsaDefinitionJson.Model(published, mayEdit: true, zone),
            ["alreadyPublished"] = false,
            ["consumingWorkflowCount"] = 0,
        });
    }

    private static async Task<IResult> RetractAsync(string definitionId, IWorkflowDefinitionStore store,
        IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        if (await store.FindAsync(definitionId, VersionSelector.Latest, null, ct) is null)
            return NotFound(definitionId);
        var retracted = await store.RetractAsync(definitionId, ct);
        return retracted is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Nothing to retract.", detail: $"Workflow definition '{definitionId}' has no published version.")
            : TypedResults.Json(ElsaDefinitionJson.Model(retracted, mayEdit: true, jurisdiction.Value.Zone));
    }

    private static async Task<IResult> DeleteAsync(string definitionId, IWorkflowDefinitionStore store, CancellationToken ct) =>
        await store.DeleteAsync(definitionId, ct) ? TypedResults.NoContent() : NotFound(definitionId);

    /// <summary>400 problem details; each finding under <c>errors</c>, keyed by activity id (or "definition").</summary>
    private static IResult ValidationFailed(IEnumerable<ValidationFinding> findings, string title)
    {
        var errors = findings.Where(f => f.Severity == FindingSeverity.Error)
            .GroupBy(f => f.ActivityId ?? "definition")
            .ToDictionary(g => g.Key, g => g.Select(f => f.Property is null ? f.Message : $"{f.Property}: {f.Message}").ToArray());
        return TypedResults.ValidationProblem(errors, title: title);
    }

    private static int ParseInt(string? text, int fallback, int min, int max, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
            return fallback;
        if (int.TryParse(text, out var value) && value >= min && value <= max)
            return value;
        errors[field] = [$"'{text}' must be a whole number from {min} to {max}."];
        return fallback;
    }
}
