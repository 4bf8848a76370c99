using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// The permit REST API under <c>/api</c>: projects, applications, cases, inbox and steps. Every endpoint needs a
/// signed-in caller (401 otherwise); <see cref="CaseAccess"/> then decides 403 or 404; the domain's refusals become
/// problem details through <see cref="PermitProblemFilter"/>.
/// </summary>
public static class PermitApi
{
    public static IEndpointRouteBuilder MapPermitApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Permits").RequireAuthorization(AccessPolicies.SignedIn)
            .AddEndpointFilter<PermitProblemFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapProjectEndpoints();
        api.MapApplicationEndpoints();
        api.MapCaseEndpoints();
        api.MapInboxEndpoints();
        api.MapStepEndpoints();
        api.MapMaterialFileEndpoints();
        return app;
    }
}
