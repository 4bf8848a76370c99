using System.Security.Claims;
using Workflow.Definitions.Audit;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.Audit;

/// <summary>
/// Makes the signed-in caller the actor of everything the request records on the audit trail (docs/audit.md, "Who"), so
/// desks need not pass it down: <see cref="AuditScope"/> carries it into the workflow save.
/// </summary>
public static class AuditActorMiddleware
{
    /// <summary>Runs after authentication.</summary>
    public static IApplicationBuilder UseAuditActor(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (ActorOf(context.User) is not { } actor)
        {
            await next(context);
            return;
        }
        using (AuditScope.Begin(actor))
            await next(context);
    });

    /// <summary>The audit actor of a signed-in user: the user name and the role, a reviewer's with the department (<c>reviewer:fire</c>).</summary>
    public static AuditActor? ActorOf(ClaimsPrincipal user)
    {
        if (AppClaims.UserNameOf(user) is not { Length: > 0 } name || AppClaims.RoleOf(user) is not { } role) return null;
        var roleName = role.ToString().ToLowerInvariant();
        return new AuditActor(name, role == UserRole.Reviewer && AppClaims.DepartmentOf(user) is { } d ? $"{roleName}:{d}" : roleName);
    }
}
