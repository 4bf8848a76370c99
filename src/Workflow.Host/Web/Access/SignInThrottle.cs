using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NodaTime;

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
/// even with the right password) until the window has passed; each lock is logged. Only failures count, so people who
/// sign in correctly are never slowed down. Held per host process: with N hosts an attacker gets at most N times the
/// limit, still far from a guessing rate. Behind a proxy the client address is the proxy's unless forwarded headers
/// are enabled (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>).
/// </summary>
public sealed class SignInThrottle(IClock clock, IOptions<SignInThrottleOptions> options, ILogger<SignInThrottle> logger)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    private sealed class Failures
    {
        public int Count;
        public Instant Since;
        public Instant? LockedUntil;
    }

    /// <summary>The instant the lock on this user name or client ends, or null when an attempt may be made.</summary>
    public Instant? LockedUntil(string userName, string client)
    {
        var now = clock.GetCurrentInstant();
        Instant? until = null;
        foreach (var key in Keys(userName, client))
        {
            if (!_failures.TryGetValue(key, out var failures)) continue;
            lock (failures)
                if (failures.LockedUntil is { } end && end > now && (until is null || end > until)) until = end;
        }
        return until;
    }

    /// <summary>Counts a failed attempt; locks the user name or the client when it reaches its limit.</summary>
    public void Failed(string userName, string client)
    {
        var now = clock.GetCurrentInstant();
        var window = Duration.FromTimeSpan(options.Value.Window);
        if (_failures.Count > PruneAbove) Prune(now, window);
        foreach (var (key, limit) in Keys(userName, client).Zip([options.Value.FailuresPerUser, options.Value.FailuresPerClient]))
        {
            var failures = _failures.GetOrAdd(key, _ => new Failures { Since = now });
            lock (failures)
            {
                if (now - failures.Since > window) (failures.Count, failures.Since, failures.LockedUntil) = (0, now, null);
                if (++failures.Count >= limit && failures.LockedUntil is null)
                {
                    failures.LockedUntil = now + window;
                    logger.LogWarning("Sign-in locked for {Key} after {Count} failed attempts, until {Until}.", key, failures.Count, failures.LockedUntil);
                }
            }
        }
    }

    /// <summary>A successful sign-in clears the user name's failures (not the client's).</summary>
    public void Succeeded(string userName) => _failures.TryRemove(UserKey(userName), out _);

    /// <summary>The refusal's text, Chinese then English (the API has no page language to choose by).</summary>
    public static string Message(Instant until, Instant now)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
        return $"登录失败次数过多，请 {minutes} 分钟后再试。Too many failed sign-ins: try again in {minutes} minute(s).";
    }

    /// <summary>The address a client connects from (after forwarded headers, when enabled).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string UserKey(string userName) => "user:" + userName.Trim().ToLowerInvariant();

    private static string[] Keys(string userName, string client) => [UserKey(userName), "client:" + client];

    private void Prune(Instant now, Duration window)
    {
        foreach (var (key, failures) in _failures)
            if (now - failures.Since > window && (failures.LockedUntil is null || failures.LockedUntil < now))
                _failures.TryRemove(key, out _);
    }
}
