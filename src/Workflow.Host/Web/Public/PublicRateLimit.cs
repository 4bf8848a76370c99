using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Public;

/// <summary>
/// The app's rate limiter (also <see cref="Access.SignInRateLimit"/>'s policy) and the rate limit of the public, sign-in-free lookups (docs/public.md): ASP.NET Core's rate limiter, a fixed window of one
/// minute per client address, <c>PublicLookup:PermitPerMinute</c> requests (default 30; 0 turns the limit off). Over the
/// limit the answer is a 429 problem in the caller's language with <c>Retry-After</c> in seconds. Behind a reverse proxy,
/// configure forwarded headers so the client's address is the real one (docs/deployment.md).
/// </summary>
public static class PublicRateLimit
{
    /// <summary>The policy name the public endpoints and pages name.</summary>
    public const string Policy = "public-lookup";

    /// <summary>The setting: requests a client may make per minute.</summary>
    public const string PermitSetting = "PublicLookup:PermitPerMinute";

    /// <summary>The default of <see cref="PermitSetting"/>.</summary>
    public const int DefaultPermitPerMinute = 30;

    public static IServiceCollection AddPublicRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue(PermitSetting, DefaultPermitPerMinute);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context => permits <= 0
                ? RateLimitPartition.GetNoLimiter("off")
                : RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                }));
            Access.SignInRateLimit.AddPolicy(o, configuration); // the app has one rate limiter; its policies share the 429 answer
            Appointments.BookingRateLimit.AddPolicy(o, configuration); // Appointments:RateLimit:PerClientPerMinute (docs/appointments.md)
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var signIn = policy == Access.SignInRateLimit.Policy;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = signIn ? Ui.T("登录尝试过于频繁。", "Too many sign-in attempts.")
                    : policy == Appointments.BookingRateLimit.Policy ? Ui.T("预约请求过于频繁。", "Too many booking requests.")
                    : Ui.T("查询过于频繁。", "Too many lookups."),
                Detail = Ui.T($"请在 {seconds} 秒后再试。", $"Try again in {seconds} seconds."),
            },
        });
    }
}
