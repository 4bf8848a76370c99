using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.Studio;

/// <summary>
/// The Studio's one navigation of its own: after Run it sends the page to <c>workflows/instances/{id}/view</c>
/// relative to the base href, which we redirect to our instance viewer page (docs/studio.md).
/// </summary>
public static class StudioRoutes
{
    public static IEndpointRouteBuilder MapStudioRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet(StudioStaticFiles.BasePath + "/workflows/instances/{id}/view",
                (string id) => TypedResults.Redirect($"{StudioStaticFiles.BasePath}/instances/{Uri.EscapeDataString(id)}"))
            .RequireAuthorization(AccessPolicies.ReadWorkflows)
            .ExcludeFromDescription();
        return app;
    }
}
