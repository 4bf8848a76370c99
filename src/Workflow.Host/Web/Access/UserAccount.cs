namespace Workflow.Host.Web.Access;

/// <summary>A user together with their password hash, as a user directory stores it.</summary>
public sealed record UserAccount(AppUser User, PasswordHash Password);
