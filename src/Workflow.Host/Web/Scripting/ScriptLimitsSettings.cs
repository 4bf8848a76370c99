using System.Globalization;
using Microsoft.Extensions.Options;
using Workflow.Engine.Expressions;

namespace Workflow.Host.Web.Scripting;

/// <summary>
/// The engine's <see cref="ScriptLimits"/> from the <c>Scripting:Limits</c> section (docs/definition-format.md,
/// "Script limits"): <c>TimeLimit</c> and <c>RegexTimeout</c> as time spans (<c>00:00:02</c>) or seconds (<c>2</c>,
/// <c>0.5</c>), <c>MemoryLimitBytes</c>, <c>MaxRecursionDepth</c>, <c>MaxStatements</c> (empty: no count). A setting
/// left out keeps its default. Read and checked when the app is built, so a wrong value stops the start with one
/// line naming it instead of loosening every script's bounds.
/// </summary>
public static class ScriptLimitsSettings
{
    public const string Section = "Scripting:Limits";

    /// <exception cref="OptionsValidationException">A setting is malformed or out of range; the message names it.</exception>
    public static ScriptLimits FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = ScriptLimits.Default;
        var limits = defaults with
        {
            TimeLimit = ReadTime(section, nameof(ScriptLimits.TimeLimit), defaults.TimeLimit, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5)),
            RegexTimeout = ReadTime(section, nameof(ScriptLimits.RegexTimeout), defaults.RegexTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5)),
            MemoryLimitBytes = ReadNumber(section, nameof(ScriptLimits.MemoryLimitBytes), defaults.MemoryLimitBytes, 1024 * 1024, 4L * 1024 * 1024 * 1024),
            MaxRecursionDepth = (int)ReadNumber(section, nameof(ScriptLimits.MaxRecursionDepth), defaults.MaxRecursionDepth, 1, 10_000),
            MaxStatements = section[nameof(ScriptLimits.MaxStatements)] is { Length: > 0 }
                ? (int)ReadNumber(section, nameof(ScriptLimits.MaxStatements), 0, 1, int.MaxValue)
                : defaults.MaxStatements,
        };
        return limits;
    }

    private static TimeSpan ReadTime(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        TimeSpan value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            value = TimeSpan.FromSeconds(Math.Clamp(seconds, -1e6, 1e6));
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value))
            throw Invalid($"{Section}:{key} is '{text}'; it must be a time span such as 00:00:02 or a number of seconds such as 2 or 0.5.");
        if (value < min || value > max)
            throw Invalid($"{Section}:{key} is '{text}'; it must be from {min.TotalSeconds:0.###} s to {max.TotalSeconds:0} s.");
        return value;
    }

    private static long ReadNumber(IConfigurationSection section, string key, long fallback, long min, long max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw Invalid($"{Section}:{key} is '{text}'; it must be a whole number from {min} to {max}.");
        return value;
    }

    private static OptionsValidationException Invalid(string message) => new(Section, typeof(ScriptLimits), [message]);
}
