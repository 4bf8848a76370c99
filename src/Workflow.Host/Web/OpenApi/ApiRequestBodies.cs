using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflow.Host.Web.OpenApi;

/// <summary>
/// A required field of a request body may not be null (<see cref="ApiSchemas"/>); a nullable enum or object field is
/// written by the generator as <c>oneOf: [null, $ref]</c> only once the document is assembled, so the null branch of
/// the required ones is dropped here, on the schemas that request bodies refer to.
/// </summary>
internal static class ApiRequestBodies
{
    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken _)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return Task.CompletedTask;
        var bodies = (document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>()).SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .Select(o => o.RequestBody?.Content?.TryGetValue("application/json", out var media) == true ? media.Schema : null)
            .OfType<OpenApiSchemaReference>().Select(r => r.Reference.Id).OfType<string>().ToHashSet();
        foreach (var name in bodies)
        {
            if (!schemas.TryGetValue(name, out var body) || body is not OpenApiSchema { Properties: { } properties, Required: { } required }) continue;
            foreach (var field in required)
                if (properties.TryGetValue(field, out var property) && property.OneOf is { Count: 2 } branches
                    && branches.SingleOrDefault(b => b.Type != JsonSchemaType.Null) is { } notNull)
                    properties[field] = notNull;
        }
        return Task.CompletedTask;
    }
}
