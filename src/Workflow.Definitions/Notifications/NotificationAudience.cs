namespace Workflow.Definitions.Notifications;

/// <summary>
/// Who a notification is for, as a string a signed-in user belongs to or not: one agent, one department's reviewers,
/// or all supervisors. The Host tells which audiences a user is in; the domain never knows users.
/// </summary>
public static class NotificationAudience
{
    /// <summary>Every supervisor (监察人员): the audience of cards and other supervision events.</summary>
    public const string Supervisors = "supervisors";

    /// <summary>One project agent, by user name (case-insensitive: the name is lower-cased).</summary>
    public static string Agent(string userName) => "agent:" + userName.ToLowerInvariant();

    /// <summary>The reviewers of one department, by department code.</summary>
    public static string Department(string code) => "department:" + code;
}
