using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Host.Web.Demo;
using Workflow.Host.Web.Departments;

namespace Workflow.Host.Web.Access;

/// <summary>
/// Wires sign-in: bearer tokens (JWT) for <c>/api</c> and <c>/elsa/api</c>, a cookie for the pages, the policies of
/// <see cref="AccessPolicies"/>, the user directory and the token issuer.
/// </summary>
public static class AccessSetup
{
    /// <summary>The scheme that picks bearer or cookie by path.</summary>
    public const string ByPathScheme = "BearerForApiCookieForPages";

    /// <summary>True for the paths answered as an API: 401/403 status codes, never a redirect to the sign-in page.</summary>
    public static bool IsApiPath(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/elsa/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers authentication and authorization. Users come from <see cref="IUserDirectory"/>: unless one is already
    /// registered, the demo users while <see cref="DemoOptions.Enabled"/>, none otherwise.
    /// </summary>
    public static IServiceCollection AddWorkflowAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection(SignInThrottleOptions.Section));
        services.AddWorkflowPersistenceModule<SignInFailuresModule>();
        services.AddSingleton<SharedUserLockout>();
        services.AddSingleton<SignInThrottle>();
        services.TryAddSingleton<IUserDirectory>(sp => new InMemoryUserDirectory(
            sp.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled ? DemoUsers.Accounts(sp.GetRequiredService<Workflow.Definitions.Catalogue.MatterCatalogue>().Departments.Select(d => new Department(d.Code, d.Name))) : []));

        services.AddAuthentication(ByPathScheme)
            .AddPolicyScheme(ByPathScheme, "Bearer for the API, cookie for pages", o =>
                o.ForwardDefaultSelector = context => IsApiPath(context.Request.Path)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddCookie();

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, IClock>((o, auth, clock) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Value.EffectiveSigningKey)),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = AppClaims.UserName,
                    RoleClaimType = AppClaims.Role,
                    // Expiry is judged by the injected clock, not the wall clock, so tests control it.
                    LifetimeValidator = (notBefore, expires, _, _) => IsWithin(clock.GetCurrentInstant(), notBefore, expires),
                    ClockSkew = TimeSpan.Zero,
                };
                o.Events = new JwtBearerEvents
                {
                    // A token outlives nothing: a user removed from the directory (e.g. restarted with --no-demo), or whose role or department changed, is refused.
                    OnTokenValidated = async context =>
                    {
                        if (!await StillExists(context.HttpContext, context.Principal))
                            context.Fail("The token's user no longer exists.");
                    },
                };
            });

        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((o, auth) =>
            {
                o.LoginPath = "/signin";
                o.LogoutPath = "/signout";
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = auth.Value.CookieLifetime;
                o.SlidingExpiration = true;
                o.Cookie.Name = "workflow.signin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = async context =>
                    {
                        if (!await StillExists(context.HttpContext, context.Principal))
                        {
                            context.RejectPrincipal();
                            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                        }
                    },
                    OnRedirectToAccessDenied = context => ForbiddenPage.WriteAsync(context.HttpContext),
                };
            });

        services.AddAuthorizationBuilder().AddAccessPolicies();
        return services;
    }

    private static bool IsWithin(Instant now, DateTime? notBefore, DateTime? expires) =>
        expires is { } exp
        && now < Instant.FromDateTimeUtc(DateTime.SpecifyKind(exp, DateTimeKind.Utc))
        && (notBefore is not { } nbf || now >= Instant.FromDateTimeUtc(DateTime.SpecifyKind(nbf, DateTimeKind.Utc)));

    private static async Task<bool> StillExists(HttpContext context, System.Security.Claims.ClaimsPrincipal? principal)
    {
        var name = principal is null ? null : AppClaims.UserNameOf(principal);
        if (name is null)
            return false;
        var users = context.RequestServices.GetRequiredService<IUserDirectory>();
        var user = await users.FindAsync(name, context.RequestAborted);
        // The claims that grant access are the directory's, now: a changed role or department takes effect at once
        // (the caller signs in again and gets the new ones).
        return user is not null
            && user.Role.ToString() == principal!.FindFirst(AppClaims.Role)?.Value
            && user.DepartmentCode == AppClaims.DepartmentOf(principal);
    }
}
