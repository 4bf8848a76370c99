using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NodaTime;

namespace Workflow.Host.Web.Access;

/// <summary>
/// Mints the JWTs that the API accepts (<c>Authorization: Bearer</c>): HMAC-SHA256 with <see cref="AuthOptions.SigningKey"/>,
/// issued now by the injected <see cref="IClock"/>, so tests decide what "now" is.
/// </summary>
public sealed class AccessTokenIssuer(IOptions<AuthOptions> options, IClock clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The key that signs and verifies tokens.</summary>
    public static SymmetricSecurityKey KeyFrom(AuthOptions options) => new(Encoding.UTF8.GetBytes(options.EffectiveSigningKey));

    /// <summary>A token for the API, valid for <see cref="AuthOptions.ApiTokenLifetime"/>.</summary>
    public IssuedToken ForApi(AppUser user) => Issue(user, Duration.FromTimeSpan(options.Value.ApiTokenLifetime));

    /// <summary>A token handed to a Studio page, valid for <see cref="AuthOptions.PageTokenLifetime"/> (≥ 8 h).</summary>
    public IssuedToken ForStudioPage(AppUser user) => Issue(user, Duration.FromTimeSpan(options.Value.PageTokenLifetime));

    /// <summary>A token for <paramref name="user"/> valid from now for <paramref name="lifetime"/>.</summary>
    public IssuedToken Issue(AppUser user, Duration lifetime)
    {
        var now = clock.GetCurrentInstant();
        var expires = now + lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.ToDateTimeUtc(),
            NotBefore = now.ToDateTimeUtc(),
            Expires = expires.ToDateTimeUtc(),
            Claims = AppClaims.For(user).ToDictionary(c => c.Type, c => (object)c.Value),
            SigningCredentials = new SigningCredentials(KeyFrom(options.Value), SecurityAlgorithms.HmacSha256),
        });
        // JWT times are whole seconds: report the instant the token really expires.
        return new IssuedToken(token, Instant.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }
}
