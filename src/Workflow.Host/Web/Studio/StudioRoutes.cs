using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.Studio;

/// <summary>
/// The Studio's navigations of its own: after Run it sends the page to <c>workflows/instances/{id}/view</c>
/// relative to the base href, which we redirect to our instance viewer page (docs/studio.md); after "Create
/// workflow" it may go to <c>workflows/definitions/{id}/edit</c>, which we redirect to our editor page.
/// </summary>
public static class StudioRoutes
{
    public static IEndpointRouteBuilder MapStudioRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet(StudioStaticFiles.BasePath + "/workflows/instances/{id}/view",
                (string id) => TypedResults.Redirect($"{StudioStaticFiles.BasePath}/instances/{Uri.EscapeDataString(id)}"))
            .RequireAuthorization(AccessPolicies.ReadWorkflows)
            .ExcludeFromDescription();
        // After "Create workflow" (and from the viewer's links) the Studio navigates to workflows/definitions/{id}/edit,
        // relative to the base href or to the site root: both lead to our editor page.
        foreach (var prefix in new[] { StudioStaticFiles.BasePath, "" })
            app.MapGet(prefix + "/workflows/definitions/{id}/edit",
                    (string id) => TypedResults.Redirect($"{StudioStaticFiles.BasePath}/definitions/{Uri.EscapeDataString(id)}"))
                .RequireAuthorization(AccessPolicies.ReadWorkflows)
                .ExcludeFromDescription();
        return app;
    }
}
