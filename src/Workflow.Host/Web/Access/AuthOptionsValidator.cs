using Microsoft.Extensions.Options;

namespace Workflow.Host.Web.Access;

/// <summary>
/// Refuses to start a Production host with the development signing key (anyone could mint tokens with it), and any
/// host with a key shorter than 32 characters or a Studio page token shorter than 8 hours.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (environment.IsProduction() && options.EffectiveSigningKey == AuthOptions.DevelopmentSigningKey)
            failures.Add("Auth:SigningKey is not set, or is the development key, and the environment is Production. "
                + "Set a secret key of at least 32 characters (environment variable Auth__SigningKey or --Auth:SigningKey=...).");
        if (options.EffectiveSigningKey.Length < 32)
            failures.Add($"Auth:SigningKey must be at least 32 characters long; it has {options.SigningKey.Length}.");
        if (options.ApiTokenLifetime <= TimeSpan.Zero)
            failures.Add($"Auth:ApiTokenLifetime must be positive; it is {options.ApiTokenLifetime}.");
        if (options.PageTokenLifetime < TimeSpan.FromHours(8))
            failures.Add($"Auth:PageTokenLifetime must be at least 08:00:00 (docs/studio.md); it is {options.PageTokenLifetime}.");
        if (options.CookieLifetime <= TimeSpan.Zero)
            failures.Add($"Auth:CookieLifetime must be positive; it is {options.CookieLifetime}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
