using Workflow.Host.Web.Departments;

namespace Workflow.Host.Web.Access;

/// <summary>
/// The demo users of docs/api.md, all with password <see cref="Password"/>: <c>agent1</c>, <c>agent2</c>,
/// <c>frontdesk</c>, <c>reviewer-CODE</c> for every department, <c>supervisor</c>, <c>designer</c>, <c>admin</c>.
/// They exist only while demo data is enabled (<c>--no-demo</c> removes them).
/// </summary>
public static class DemoUsers
{
    /// <summary>The demo users' password.</summary>
    public const string Password = "demo";

    /// <summary>The demo users, with one reviewer per department in <paramref name="departments"/>.</summary>
    public static IReadOnlyList<AppUser> Create(IEnumerable<Department> departments) =>
    [
        new("agent1", "代办员一 Agent 1", UserRole.Agent),
        new("agent2", "代办员二 Agent 2", UserRole.Agent),
        new("frontdesk", "综合窗口 Front desk", UserRole.FrontDesk),
        .. departments.Select(d => new AppUser($"reviewer-{d.Code}", $"{d.Name} 审查员", UserRole.Reviewer, d.Code)),
        new("supervisor", "监察员 Supervisor", UserRole.Supervisor),
        new("designer", "流程设计员 Designer", UserRole.Designer),
        new("admin", "管理员 Admin", UserRole.Admin),
    ];

    /// <summary>
    /// The demo users as accounts. They share one hash of the public demo password: a per-user salt protects
    /// nothing here and would cost a PBKDF2 run per user at every start.
    /// </summary>
    public static IReadOnlyList<UserAccount> Accounts(IEnumerable<Department> departments)
    {
        var hash = PasswordHash.Create(Password);
        return Create(departments).Select(u => new UserAccount(u, hash)).ToList();
    }
}
