using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NodaTime;

namespace Workflow.Host.Web.Json;

/// <summary>
/// The API's JSON (docs/api.md): camelCase (the web default), enums as strings, instants ISO 8601 with the
/// jurisdiction's offset; and the OpenAPI document describing instants as <c>string</c>/<c>date-time</c>.
/// </summary>
public static class JsonSetup
{
    /// <summary>The OpenAPI security scheme name of the bearer token.</summary>
    public const string BearerScheme = "Bearer";

    public static IServiceCollection AddWorkflowJson(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JurisdictionOptions>().Bind(configuration.GetSection(JurisdictionOptions.Section))
            .Validate(o => DateTimeZoneProviders.Tzdb.GetZoneOrNull(o.TimeZone) is not null,
                "Jurisdiction:TimeZone is not a tzdb time zone id (e.g. Asia/Shanghai).")
            .ValidateOnStart();
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<IOptions<JurisdictionOptions>>((o, jurisdiction) =>
        {
            o.SerializerOptions.Converters.Add(new EnumNameJsonConverter());
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(jurisdiction.Value.TimeZone) ?? DateTimeZone.Utc;
            o.SerializerOptions.Converters.Add(new ZonedInstantJsonConverter(zone));
            o.SerializerOptions.Converters.Add(new LocalDateJsonConverter());
        });
        services.AddOpenApi(o =>
        {
            // What the generator cannot see: instants, enums by name, integers, required fields, parameter types, the
            // pipeline's statuses (docs/api.md, "The OpenAPI document").
            o.AddSchemaTransformer(OpenApi.ApiSchemas.TransformAsync);
            o.AddOperationTransformer(OpenApi.ApiOperations.TransformAsync);
            o.AddDocumentTransformer(OpenApi.ApiRequestBodies.TransformAsync);
            // Says how to authenticate, and on which operations (all but those that allow anonymous callers).
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A token from POST /api/auth/token, sent as Authorization: Bearer <token>.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                    return Task.CompletedTask;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
