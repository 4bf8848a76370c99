namespace Workflow.Host.Web.Access;

/// <summary>
/// Users held in memory: the demo users (<see cref="DemoUsers"/>) or none. Replace it with a database-backed
/// <see cref="IUserDirectory"/> when users are managed for real.
/// </summary>
public sealed class InMemoryUserDirectory : IUserDirectory
{
    // Verified when the user is unknown, so that a wrong name costs as much time as a wrong password.
    private static readonly Lazy<PasswordHash> Decoy = new(() => PasswordHash.Create(Guid.NewGuid().ToString()));

    private readonly Dictionary<string, UserAccount> _accounts;

    /// <exception cref="ArgumentException">Two accounts share a user name (case-insensitively).</exception>
    public InMemoryUserDirectory(IEnumerable<UserAccount> accounts)
    {
        _accounts = new Dictionary<string, UserAccount>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in accounts)
            if (!_accounts.TryAdd(account.User.UserName, account))
                throw new ArgumentException($"User name '{account.User.UserName}' appears twice.", nameof(accounts));
    }

    public ValueTask<AppUser?> FindAsync(string userName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_accounts.TryGetValue(userName, out var account) ? account.User : null);

    public ValueTask<AppUser?> VerifyPasswordAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        if (!_accounts.TryGetValue(userName, out var account))
        {
            Decoy.Value.Matches(password);
            return ValueTask.FromResult<AppUser?>(null);
        }
        return ValueTask.FromResult(account.Password.Matches(password) ? account.User : null);
    }

    public ValueTask<IReadOnlyList<AppUser>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<AppUser>>(
            _accounts.Values.Select(a => a.User).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList());
}
