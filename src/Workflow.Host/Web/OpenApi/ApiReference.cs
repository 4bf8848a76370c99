using Scalar.AspNetCore;

namespace Workflow.Host.Web.OpenApi;

/// <summary>
/// The interactive API reference at <c>/api-docs</c> (Scalar), reading <c>/openapi/v1.json</c>. Served offline: the
/// page loads the script embedded in Scalar.AspNetCore from this host and no web fonts (docs/api.md).
/// </summary>
public static class ApiReference
{
    public const string Path = "/api-docs";

    public static IEndpointConventionBuilder MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, o =>
        {
            o.WithTitle("Workflow API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts();
        }).AllowAnonymous();
}
