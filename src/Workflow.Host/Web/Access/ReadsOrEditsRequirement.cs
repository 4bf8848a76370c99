using Microsoft.AspNetCore.Authorization;

namespace Workflow.Host.Web.Access;

/// <summary>
/// Met when the request only reads (GET, HEAD, OPTIONS, or an endpoint marked with <see cref="ReadsOnlyMetadata"/>) and the user may read workflows, or when the user may edit
/// workflows. See <see cref="AccessPolicies.ElsaApiReadOnlyForSupervisors"/>.
/// </summary>
public sealed class ReadsOrEditsRequirement : AuthorizationHandler<ReadsOrEditsRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadsOrEditsRequirement requirement)
    {
        var method = context.Resource switch
        {
            HttpContext http => http.Request.Method,
            _ => null,
        };
        var declaredReadOnly = context.Resource is HttpContext h && h.GetEndpoint()?.Metadata.GetMetadata<ReadsOnlyMetadata>() is not null;
        var reads = declaredReadOnly
            || method is not null && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
        var allowed = reads ? AccessPolicies.WorkflowReaders : AccessPolicies.WorkflowEditors;
        if (allowed.Any(context.User.IsInRole))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
