using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.ElsaApi;

/// <summary>
/// The Elsa-compatible API under <c>/elsa/api</c> that Elsa Studio calls (docs/studio.md). Every route here
/// follows <see cref="AccessPolicies.ElsaApiReadOnlyForSupervisors"/>: bearer token required (401), designers and admins
/// may do everything, the supervisor only GET (403 otherwise), every other role 403. Each feature maps its routes
/// in its own file; a route nobody maps answers 404 problem details, after the same access check.
/// </summary>
public static class ElsaApiRoutes
{
    /// <summary>The base path; the Studio's <c>remote-endpoint</c> attribute is this path on the Host's origin.</summary>
    public const string BasePath = "/elsa/api";

    /// <summary>The group that feature files add their routes to.</summary>
    public static RouteGroupBuilder MapElsaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(BasePath)
            .RequireAuthorization(AccessPolicies.ElsaApiReadOnlyForSupervisors)
            .ExcludeFromDescription();

        group.MapDescriptorEndpoints();
        group.MapExpressionDescriptorEndpoints();
        group.MapFeatureEndpoints();
        group.MapScriptingEndpoints();
        group.MapActivityDescriptorEndpoints();
        group.MapWorkflowDefinitionEndpoints();
        group.MapWorkflowDefinitionBulkEndpoints();
        group.MapWorkflowInstanceEndpoints();
        group.MapInstanceJournalEndpoints();

        // Lowest precedence: only requests no feature answers reach it, and they are checked like the rest first,
        // so a supervisor's POST anywhere under /elsa/api is 403 and an unknown route 404 — never a leak of which exist.
        group.MapMethods("/{**rest}", [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete],
                (string? rest) => TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: Ui.T("未找到。", "Not found."),
                    detail: Ui.T($"本服务未实现 {BasePath}/{rest}。", $"This Host does not implement {BasePath}/{rest}.")))
            .WithOrder(int.MaxValue);
        return group;
    }
}
