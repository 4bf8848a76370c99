using System.Security.Claims;

namespace Workflow.Host.Web.Access;

/// <summary>
/// The claims that carry an <see cref="AppUser"/> in a token or a cookie. Short JWT names are used for both so that
/// policies read one shape whichever way the caller signed in.
/// </summary>
public static class AppClaims
{
    public const string UserName = "sub";
    public const string DisplayName = "name";
    public const string Role = "role";
    public const string Department = "department";

    /// <summary>The claims describing <paramref name="user"/>.</summary>
    public static IReadOnlyList<Claim> For(AppUser user)
    {
        var claims = new List<Claim>
        {
            new(UserName, user.UserName),
            new(DisplayName, user.DisplayName),
            new(Role, user.Role.ToString()),
        };
        if (user.DepartmentCode is not null)
            claims.Add(new Claim(Department, user.DepartmentCode));
        return claims;
    }

    /// <summary>A principal for <paramref name="user"/> whose <c>Identity.Name</c> is the user name and whose roles are <see cref="UserRole"/> names.</summary>
    public static ClaimsPrincipal Principal(AppUser user, string authenticationType) =>
        new(new ClaimsIdentity(For(user), authenticationType, UserName, Role));

    /// <summary>The user name of a signed-in principal, or null.</summary>
    public static string? UserNameOf(ClaimsPrincipal principal) => principal.FindFirst(UserName)?.Value;

    /// <summary>The role of a signed-in principal, or null when it carries none or an unknown one.</summary>
    public static UserRole? RoleOf(ClaimsPrincipal principal) =>
        Enum.TryParse<UserRole>(principal.FindFirst(Role)?.Value, out var role) ? role : null;

    /// <summary>The department code of a signed-in reviewer, or null.</summary>
    public static string? DepartmentOf(ClaimsPrincipal principal) => principal.FindFirst(Department)?.Value;
}
