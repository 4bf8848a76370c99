using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Workflow.Host.Web.OpenApi;

/// <summary>
/// Makes the generated schemas say what the JSON really is (docs/api.md, "The OpenAPI document"): numbers are
/// integers (the reader's leniency for quoted numbers is not the contract), enums are strings with their names (also
/// when nullable), instants and dates are strings, and a request body requires only what the server requires.
/// </summary>
internal static class ApiSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        var nullable = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is not null;
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(Instant))
            MakeString(schema, "date-time", nullable);
        else if (type == typeof(LocalDate))
            MakeString(schema, "date", nullable);
        else if (type.IsEnum)
        {
            // EnumNameJsonConverter reads and writes names only (a number or a comma list is a 400).
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. Enum.GetNames(type).Select(n => (JsonNode)n)];
            schema.Pattern = null;
        }
        else if (schema.Type is { } t && t.HasFlag(JsonSchemaType.String) && (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number)))
        {
            // The web defaults read "12" as 12, so the generator says "integer or numeric string"; the API writes numbers.
            schema.Type = t & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (IsRequestBody(context.JsonTypeInfo))
            RequireOnlyWhatIsRequired(schema, context.JsonTypeInfo);
        return Task.CompletedTask;
    }

    private static void MakeString(OpenApiSchema schema, string format, bool nullable)
    {
        schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        schema.Format = format;
        schema.Pattern = null;
        schema.Properties?.Clear();
        schema.Required?.Clear();
    }

    /// <summary>
    /// Request bodies are records with nullable properties, so that a missing field is a 400 naming it rather than a
    /// reader error; the fields the server insists on carry <see cref="RequiredAttribute"/>.
    /// </summary>
    private static bool IsRequestBody(System.Text.Json.Serialization.Metadata.JsonTypeInfo info) =>
        info.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object
        && (info.Type.Name.EndsWith("Request", StringComparison.Ordinal) || info.Properties.Any(IsRequired));

    private static bool IsRequired(System.Text.Json.Serialization.Metadata.JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;

    private static void RequireOnlyWhatIsRequired(OpenApiSchema schema, System.Text.Json.Serialization.Metadata.JsonTypeInfo info)
    {
        var required = info.Properties.Where(IsRequired).Select(p => p.Name).ToHashSet();
        schema.Required = required;
        if (schema.Properties is null) return;
        foreach (var name in required)
        {
            if (!schema.Properties.TryGetValue(name, out var property) || property is not OpenApiSchema concrete) continue;
            if (concrete.Type is { } t)
                concrete.Type = t & ~JsonSchemaType.Null;
            // A nullable reference is "oneOf: [null, X]"; a required one is X.
            if (concrete.OneOf is { Count: 2 } branches && branches.FirstOrDefault(b => b is not OpenApiSchema { Type: JsonSchemaType.Null }) is { } notNull)
                schema.Properties[name] = notNull;
        }
    }
}
