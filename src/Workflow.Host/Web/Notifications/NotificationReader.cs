using System.Security.Claims;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Notifications;
using Workflow.Host.Web.Access;

namespace Workflow.Host.Web.Notifications;

/// <summary>
/// A signed-in user as a reader of the notification centre: the audiences they belong to (their agent name, their
/// department's reviewers — the window for the front desk —, the supervisors for supervisor and admin) and the
/// name their read marks are kept under (docs/supervision.md, Notifications).
/// </summary>
public sealed record NotificationReader(string Name, IReadOnlyList<string> Audiences)
{
    public static NotificationReader Of(ClaimsPrincipal user)
    {
        var name = (AppClaims.UserNameOf(user) ?? "").ToLowerInvariant();
        var audiences = AppClaims.RoleOf(user) switch
        {
            UserRole.Agent => [NotificationAudience.Agent(name)],
            UserRole.Reviewer when AppClaims.DepartmentOf(user) is { } department => [NotificationAudience.Department(department)],
            UserRole.FrontDesk => [NotificationAudience.Department(PermitActivity.FrontDesk)],
            UserRole.Supervisor or UserRole.Admin => [NotificationAudience.Supervisors],
            _ => Array.Empty<string>(),
        };
        return new NotificationReader(name, audiences);
    }
}
