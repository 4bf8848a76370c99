using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Access;

/// <summary>
/// <c>POST /api/auth/token</c>: user name and password for a bearer token (docs/api.md). Its problems follow the request's
/// Accept-Language like every other API answer (Chinese without one).
/// </summary>
public static class AuthEndpoints
{
    /// <summary>The request body.</summary>
    public sealed record TokenRequest([property: Required] string? Username, [property: Required] string? Password);

    /// <summary>The answer: the token to send as <c>Authorization: Bearer</c>, and when it expires.</summary>
    public sealed record TokenResponse(string Token, Instant ExpiresAt);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Sign-in").AllowAnonymous();
        group.MapPost("/token", IssueTokenAsync)
            .WithName("IssueToken")
            .WithSummary("Exchanges a user name and password for a bearer token.")
            .WithDescription("Wrong user name or password → 401 problem details (which of the two is not said). Missing fields → 400 with `errors` keyed by field. " +
                "Too many failures for the user name or from the client, or more than `SignInThrottle:RequestsPerMinute` requests a minute from the client → 429 problem details with Retry-After, whatever the password.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(SignInRateLimit.Policy);
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        [FromBody] TokenRequest? request, IUserDirectory users, AccessTokenIssuer issuer, SignInThrottle throttle, IClock clock, HttpContext http, Workflow.Definitions.Audit.AuditTrail audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.Username))
            errors["username"] = [Ui.T("请填写用户名。", "The user name is required.")];
        if (string.IsNullOrEmpty(request?.Password))
            errors["password"] = [Ui.T("请填写密码。", "The password is required.")];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: Ui.T("登录请求不完整。", "The sign-in request is incomplete."));

        var name = request!.Username!.Trim();
        var client = SignInThrottle.ClientOf(http);
        if (await throttle.LockedUntilAsync(name, client, ct) is { } until)
        {
            var now = clock.GetCurrentInstant();
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling((until - now).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: Ui.T("登录失败次数过多。", "Too many failed sign-ins."), detail: SignInThrottle.Message(SignInThrottle.MinutesUntil(until, now)));
        }

        var user = await users.VerifyPasswordAsync(name, request.Password!, ct);
        if (user is null)
        {
            await throttle.FailedAsync(name, client, ct);
            await audit.AppendAsync(new Workflow.Definitions.Audit.AuditFact("signin.failed", name, "anonymous", After: $"api; client {client}"), ct);
        }
        else
            await throttle.SucceededAsync(name, ct);
        if (user is null)
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: Ui.T("用户名或密码错误。", "Wrong user name or password."),
                detail: Ui.T("没有用户使用这个用户名和密码。", "No user has this name and password."));

        var token = issuer.ForApi(user);
        return TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresAt));
    }
}
