namespace Workflow.Host.Web.Access;

/// <summary>
/// Sign-in settings, bound from configuration section <c>Auth</c> and checked at start-up by
/// <see cref="AuthOptionsValidator"/>.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>
    /// The key used when <see cref="SigningKey"/> is not configured. Public (it is in the source), so a Production
    /// host refuses to start with it.
    /// </summary>
    public const string DevelopmentSigningKey = "workflow-development-signing-key-not-for-production-use";

    /// <summary>
    /// The HMAC-SHA256 key that signs access tokens: at least 32 characters (UTF-8). Configure it with
    /// <c>--Auth:SigningKey=...</c> or the environment variable <c>Auth__SigningKey</c>. Empty means
    /// <see cref="DevelopmentSigningKey"/>, which only non-Production environments accept.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The <c>iss</c> claim written and required.</summary>
    public string Issuer { get; set; } = "workflow-host";

    /// <summary>The <c>aud</c> claim written and required.</summary>
    public string Audience { get; set; } = "workflow-api";

    /// <summary>How long a token from <c>POST /api/auth/token</c> is valid. Default 8 hours.</summary>
    public TimeSpan ApiTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// How long the token minted for a Studio page is valid; at least 8 hours (docs/studio.md) so that a working day in
    /// the designer never hits an expired token. Default 8 hours.
    /// </summary>
    public TimeSpan PageTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long the pages' sign-in cookie lasts without activity (sliding). Default 8 hours.</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The key actually used: the configured one, or the development key when none is configured.</summary>
    public string EffectiveSigningKey => string.IsNullOrEmpty(SigningKey) ? DevelopmentSigningKey : SigningKey;
}
