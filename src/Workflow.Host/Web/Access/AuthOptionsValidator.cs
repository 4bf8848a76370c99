using Microsoft.Extensions.Options;

namespace Workflow.Host.Web.Access;

/// <summary>
/// Refuses to start any host but a Development one with the development signing key (it is in the source: anyone could
/// mint an admin token with it), and any host with a key shorter than 32 bytes (UTF-8; HMAC-SHA256 wants 256 bits) or a
/// Studio page token shorter than 8 hours.
/// </summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (!environment.IsDevelopment() && options.EffectiveSigningKey == AuthOptions.DevelopmentSigningKey)
            failures.Add($"Auth:SigningKey is not set, or is the development key, and the environment is {environment.EnvironmentName} (only Development accepts it). "
                + "Set a secret key of at least 32 bytes (environment variable Auth__SigningKey or --Auth:SigningKey=...).");
        var bytes = System.Text.Encoding.UTF8.GetByteCount(options.EffectiveSigningKey);
        if (bytes < 32)
            failures.Add($"Auth:SigningKey must be at least 32 bytes (UTF-8) long; it has {bytes}.");
        if (options.ApiTokenLifetime <= TimeSpan.Zero)
            failures.Add($"Auth:ApiTokenLifetime must be positive; it is {options.ApiTokenLifetime}.");
        if (options.PageTokenLifetime < TimeSpan.FromHours(8))
            failures.Add($"Auth:PageTokenLifetime must be at least 08:00:00 (docs/studio.md); it is {options.PageTokenLifetime}.");
        if (options.CookieLifetime <= TimeSpan.Zero)
            failures.Add($"Auth:CookieLifetime must be positive; it is {options.CookieLifetime}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
