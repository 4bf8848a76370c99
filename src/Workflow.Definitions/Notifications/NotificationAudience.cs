namespace Workflow.Definitions.Notifications;

/// <summary>
/// Who a notification is for, as a string a signed-in user belongs to or not: one agent, one department's reviewers,
/// or all supervisors. The Host tells which audiences a user is in; the domain never knows users.
/// </summary>
public static class NotificationAudience
{
    public const string Supervisors = "supervisors";

    public static string Agent(string userName) => "agent:" + userName.ToLowerInvariant();

    public static string Department(string code) => "department:" + code;
}
