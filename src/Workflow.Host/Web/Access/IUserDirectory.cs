namespace Workflow.Host.Web.Access;

/// <summary>
/// Where users and their password hashes live. The Host ships <see cref="InMemoryUserDirectory"/> (the demo users);
/// a database-backed directory replaces it by registering another implementation of this interface.
/// </summary>
public interface IUserDirectory
{
    /// <summary>The user with this sign-in name (case-insensitive), or null.</summary>
    ValueTask<AppUser?> FindAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>
    /// The user when <paramref name="userName"/> exists and <paramref name="password"/> is theirs; null otherwise.
    /// Wrong user and wrong password are indistinguishable to the caller, so sign-in never tells which was wrong.
    /// </summary>
    ValueTask<AppUser?> VerifyPasswordAsync(string userName, string password, CancellationToken cancellationToken = default);

    /// <summary>Every user, ordered by name (for the console banner and admin views).</summary>
    ValueTask<IReadOnlyList<AppUser>> ListAsync(CancellationToken cancellationToken = default);
}
