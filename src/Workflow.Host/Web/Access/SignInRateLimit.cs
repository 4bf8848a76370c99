using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Workflow.Host.Web.Access;

/// <summary>
/// The request limit on the sign-in endpoints (docs/deployment.md, "Sign-in throttling"): ASP.NET Core's rate limiter, a
/// fixed window of one minute per client address, <c>SignInThrottle:RequestsPerMinute</c> attempts (default 60; 0 turns
/// it off), whatever their outcome. It caps how fast one client may try at all; <see cref="SignInThrottle"/> locks a user
/// name or a client after a number of <em>failures</em>. Over the limit: 429 problem details with <c>Retry-After</c>.
/// </summary>
public static class SignInRateLimit
{
    /// <summary>The policy the token endpoint and the sign-in page name.</summary>
    public const string Policy = "sign-in";

    /// <summary>The setting: sign-in requests a client may make per minute.</summary>
    public const string PermitSetting = SignInThrottleOptions.Section + ":RequestsPerMinute";

    /// <summary>The default of <see cref="PermitSetting"/>: a person never comes near it, a guessing script does.</summary>
    public const int DefaultPermitPerMinute = 60;

    /// <summary>Adds the policy to the app's rate limiter.</summary>
    public static void AddPolicy(RateLimiterOptions options, IConfiguration configuration)
    {
        var permits = configuration.GetValue(PermitSetting, DefaultPermitPerMinute);
        options.AddPolicy(Policy, context => permits <= 0
            ? RateLimitPartition.GetNoLimiter("off")
            : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
            }));
    }
}
