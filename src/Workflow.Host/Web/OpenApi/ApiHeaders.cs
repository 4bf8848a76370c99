using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Host.Web.OpenApi;

/// <summary>Declares the concurrency and idempotency headers an endpoint reads or writes (docs/api.md, "Steps and actions").</summary>
public static class ApiHeaders
{
    /// <summary>The endpoint reads <c>Idempotency-Key</c> and may answer <c>Idempotent-Replayed: true</c>.</summary>
    public static RouteHandlerBuilder DeclaresIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            AddHeaderParameter(operation, "Idempotency-Key",
                "Up to 200 characters, scoped to the user: the same key with the same body answers the first answer again (and acts once); with another body 422.",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 });
            AddResponseHeader(operation, "200", "Idempotent-Replayed", "`true` on an answer replayed for a repeated key.",
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true"] });
            return Task.CompletedTask;
        });

    /// <summary>The endpoint reads <c>If-Match</c> (a version from <c>ETag</c>; stale → 409, malformed → 400).</summary>
    public static RouteHandlerBuilder DeclaresIfMatch(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            AddHeaderParameter(operation, "If-Match", "The version from `ETag`, e.g. `\"3\"` (also `W/\"3\"`, `3`, `*`); stale → 409, malformed → 400.",
                new OpenApiSchema { Type = JsonSchemaType.String });
            return Task.CompletedTask;
        });

    /// <summary>The endpoint's 200 answer carries <c>ETag: "&lt;version&gt;"</c>.</summary>
    public static RouteHandlerBuilder AnswersETag(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            AddResponseHeader(operation, "200", "ETag", "The version, for `If-Match`.", new OpenApiSchema { Type = JsonSchemaType.String });
            return Task.CompletedTask;
        });

    private static void AddHeaderParameter(OpenApiOperation operation, string name, string description, OpenApiSchema schema)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Required = false, Description = description, Schema = schema });
    }

    private static void AddResponseHeader(OpenApiOperation operation, string status, string name, string description, OpenApiSchema schema)
    {
        if (operation.Responses?.TryGetValue(status, out var response) != true || response is not OpenApiResponse concrete) return;
        concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
        concrete.Headers[name] = new OpenApiHeader { Description = description, Schema = schema };
    }
}
