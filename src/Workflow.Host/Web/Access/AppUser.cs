namespace Workflow.Host.Web.Access;

/// <summary>
/// A person who may sign in. <see cref="DepartmentCode"/> is set for reviewers (their department, docs/api.md)
/// and null for every other role.
/// </summary>
/// <param name="UserName">The sign-in name, unique, compared case-insensitively.</param>
/// <param name="DisplayName">What pages show.</param>
/// <param name="Role">The one role the user holds.</param>
/// <param name="DepartmentCode">The reviewer's department code; null for other roles.</param>
public sealed record AppUser(string UserName, string DisplayName, UserRole Role, string? DepartmentCode = null);
