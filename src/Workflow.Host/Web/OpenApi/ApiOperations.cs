using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Host.Web.OpenApi;

/// <summary>
/// Completes each operation with what the generator cannot see (docs/api.md, "The OpenAPI document"): the types of
/// query parameters the handlers read as text (so that a bad value is a 400 naming it, not a binding failure), and
/// every status the pipeline answers around the handler, each with its problem shape: 401 where a token is needed, 400
/// where parameters or a body are read, 404 where a path names something, 413/415 where a body is read, 500.
/// </summary>
internal static class ApiOperations
{
    /// <summary>Query parameters read as text by their handlers, and what they accept.</summary>
    private static readonly Dictionary<string, Func<OpenApiDocument, IOpenApiSchema>> QueryTypes = new()
    {
        ["page"] = _ => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Default = 1 },
        ["pageSize"] = _ => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "500", Default = 50 },
        ["take"] = _ => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1" },
        ["before"] = _ => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
        ["overdue"] = _ => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        ["state"] = d => new OpenApiSchemaReference("CaseState", d),
        ["stage"] = d => new OpenApiSchemaReference("Stage", d),
        ["from"] = _ => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
        ["to"] = _ => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
        ["level"] = _ => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("Overdue")] },
        ["greenChannel"] = _ => new OpenApiSchema { Type = JsonSchemaType.Boolean },
        ["sort"] = _ => new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["due", "newest", "oldest"] },
        ["search"] = _ => new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 100 },
    };

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        var document = context.Document!;
        var parameters = operation.Parameters ?? [];
        foreach (var parameter in parameters.OfType<OpenApiParameter>())
        {
            // Route constraints ({id:long}) come with the numeric-string pattern; the value is an integer.
            if (parameter.Schema is OpenApiSchema { Type: JsonSchemaType.Integer } integer)
                integer.Pattern = null;
            if (parameter.In == ParameterLocation.Query && parameter.Schema is OpenApiSchema { Type: JsonSchemaType.String, Enum: null or { Count: 0 } }
                && QueryTypes.TryGetValue(parameter.Name!, out var schema))
                parameter.Schema = parameter.Name == "state" && context.Description.ActionDescriptor.EndpointMetadata.OfType<ListStates>().FirstOrDefault() is { } states
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. Enum.GetNames(states.Enum).Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n))] }
                    : schema(document);
        }

        operation.Responses ??= [];
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous) Add(operation, document, 401, "No token, or a token that is not valid (any more).");
        // A policy or role named on the endpoint is checked after the token: a caller of another role gets 403.
        if (!anonymous && context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            Add(operation, document, 403, "The caller's role may not do this.");
        if (operation.RequestBody is not null)
        {
            Add(operation, document, 400, "The body cannot be read or misses a field; `errors` names it.", validation: true);
            Add(operation, document, 413, "The body is larger than the server takes.");
            Add(operation, document, 415, "The body is not `application/json`.");
        }
        if (parameters.Any(p => p.In == ParameterLocation.Query))
            Add(operation, document, 400, "A parameter is not valid; `errors` names it.", validation: true);
        if (parameters.Any(p => p.In == ParameterLocation.Path))
            Add(operation, document, 404, "No such thing, or one the caller may not see.");
        Add(operation, document, 414, "The path and query are longer than 8 KiB.");
        Add(operation, document, 500, "An unexpected failure (problem details without internals).");
        return Task.CompletedTask;
    }

    /// <summary>Documents a problem answer unless the endpoint already describes that status.</summary>
    internal static void Add(OpenApiOperation operation, OpenApiDocument document, int status, string description, bool validation = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(validation ? "HttpValidationProblemDetails" : "ProblemDetails", document) },
            },
        };
    }
}
