using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Workflow.Host.Web.Appointments;

/// <summary>
/// The per-client limit on the appointment API (docs/appointments.md, *Rate limits*): a policy of the app's one rate limiter
/// (<see cref="Public.PublicRateLimit"/>), a fixed window of one minute per signed-in user, or per client address for the
/// public, <c>Appointments:RateLimit:PerClientPerMinute</c> requests (default 20; 0 turns it off). The per-identity limit is
/// the domain's (<c>Appointments:Rules:IdentityBookingsPerDay</c>), since the identity is only known from the request's body.
/// Over either limit: 429 problem details in the caller's language with <c>Retry-After</c>.
/// </summary>
public static class BookingRateLimit
{
    /// <summary>The policy the appointment endpoints and the booking page name.</summary>
    public const string Policy = "appointments";

    /// <summary>The setting: requests a client may make per minute.</summary>
    public const string PermitSetting = "Appointments:RateLimit:PerClientPerMinute";

    /// <summary>The default of <see cref="PermitSetting"/>.</summary>
    public const int DefaultPermitPerMinute = 20;

    /// <summary>Adds the policy to the app's rate limiter.</summary>
    public static void AddPolicy(RateLimiterOptions options, IConfiguration configuration)
    {
        var permits = configuration.GetValue(PermitSetting, DefaultPermitPerMinute);
        options.AddPolicy(Policy, context => permits <= 0
            ? RateLimitPartition.GetNoLimiter("off")
            : RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
            }));
    }

    private static string PartitionOf(HttpContext context) =>
        Access.AppClaims.UserNameOf(context.User) is { Length: > 0 } name
            ? "user:" + name
            : "client:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
