using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Audit;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Access;

/// <summary>Limits of <see cref="SignInThrottle"/>; configuration section <c>SignInThrottle</c>.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignInThrottle";

    /// <summary>Failed sign-ins for one user name within <see cref="Window"/> before it is locked. Default 5.</summary>
    public int FailuresPerUser { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address (any user names) within <see cref="Window"/> before it is locked. Default 30.</summary>
    public int FailuresPerClient { get; set; } = 30;

    /// <summary>How long failures are counted, and how long a lock lasts. Default 15 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Stops password guessing on <c>POST /api/auth/token</c> and the sign-in page (docs/deployment.md): after
/// <see cref="SignInThrottleOptions.FailuresPerUser"/> failures for one user name, or
/// <see cref="SignInThrottleOptions.FailuresPerClient"/> from one client address, further attempts are refused (429,
/// even with the right password) until the window has passed; each lock is logged and audited (<c>signin.locked</c>).
/// Only failures count, so people who sign in correctly are never slowed down. The user names' failures are counted in
/// the database (<see cref="SharedUserLockout"/>), so guesses spread over several hosts lock the name all the same; the
/// clients' are counted per host process (a client spread over N hosts gets N times its limit, while every name it
/// tries still locks after its five). Behind a proxy the client address is the proxy's unless forwarded headers are
/// enabled (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>).
/// </summary>
public sealed class SignInThrottle(IClock clock, IOptions<SignInThrottleOptions> options, SharedUserLockout users, AuditTrail audit, ILogger<SignInThrottle> logger)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Failures> _clients = new(StringComparer.Ordinal);

    private sealed class Failures
    {
        public int Count;
        public Instant Since;
        public Instant? LockedUntil;
    }

    /// <summary>The instant the lock on this user name or client ends, or null when an attempt may be made.</summary>
    public async Task<Instant?> LockedUntilAsync(string userName, string client, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        Instant? until = null;
        if (_clients.TryGetValue(client, out var failures))
            lock (failures)
                if (failures.LockedUntil is { } end && end > now) until = end;
        var user = await users.LockedUntilAsync(UserKey(userName), now, cancellationToken);
        return user > until || until is null ? user : until;
    }

    /// <summary>Counts a failed attempt; locks the user name or the client when it reaches its limit.</summary>
    public async Task FailedAsync(string userName, string client, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var window = Duration.FromTimeSpan(options.Value.Window);
        var (count, lockedNow) = await users.FailedAsync(UserKey(userName), options.Value.FailuresPerUser, window, now, cancellationToken);
        if (lockedNow is { } until)
        {
            logger.LogWarning("Sign-in locked for user name {UserName} after {Count} failed attempts, until {Until}.", userName.Trim(), count, until);
            await audit.AppendAsync(new AuditFact("signin.locked", userName.Trim(), "anonymous", After: $"user name; {count} failures; until {until}; client {client}"), cancellationToken);
        }

        if (_clients.Count > PruneAbove) Prune(now, window);
        var failures = _clients.GetOrAdd(client, _ => new Failures { Since = now });
        Instant? clientLocked = null;
        lock (failures)
        {
            if (now - failures.Since > window) (failures.Count, failures.Since, failures.LockedUntil) = (0, now, null);
            if (++failures.Count >= options.Value.FailuresPerClient && failures.LockedUntil is null)
                clientLocked = failures.LockedUntil = now + window;
        }

        if (clientLocked is { } end)
        {
            logger.LogWarning("Sign-in locked for client {Client} after {Count} failed attempts, until {Until}.", client, options.Value.FailuresPerClient, end);
            await audit.AppendAsync(new AuditFact("signin.locked", userName.Trim(), "anonymous", After: $"client {client}; {options.Value.FailuresPerClient} failures; until {end}"), cancellationToken);
        }
    }

    /// <summary>A successful sign-in clears the user name's failures (not the client's).</summary>
    public Task SucceededAsync(string userName, CancellationToken cancellationToken) => users.SucceededAsync(UserKey(userName), cancellationToken);

    /// <summary>Whole minutes until <paramref name="until"/>, at least one: what the refusal tells the user to wait.</summary>
    public static int MinutesUntil(Instant until, Instant now) => Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));

    /// <summary>
    /// The refusal's text in the request's language (the API's from Accept-Language, the sign-in page's from its own
    /// culture), never both mixed: one answer, one language (docs/api.md, Languages).
    /// </summary>
    public static string Message(int minutes) =>
        Ui.T($"登录失败次数过多，请 {minutes} 分钟后再试。", $"Too many failed sign-ins: try again in {minutes} minute(s).");

    /// <summary>The address a client connects from (after forwarded headers, when enabled).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string UserKey(string userName) => userName.Trim().ToLowerInvariant();

    private void Prune(Instant now, Duration window)
    {
        foreach (var (key, failures) in _clients)
            if (now - failures.Since > window && (failures.LockedUntil is null || failures.LockedUntil < now))
                _clients.TryRemove(key, out _);
    }
}
