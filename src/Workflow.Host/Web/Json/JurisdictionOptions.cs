using NodaTime;

namespace Workflow.Host.Web.Json;

/// <summary>The jurisdiction's settings that the HTTP layer needs; configuration section <c>Jurisdiction</c>.</summary>
public sealed class JurisdictionOptions
{
    public const string Section = "Jurisdiction";

    /// <summary>The tzdb zone in which instants are written and pages show dates. Default <c>Asia/Shanghai</c>.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The zone named by <see cref="TimeZone"/>.</summary>
    /// <exception cref="InvalidOperationException">The name is not a tzdb zone id.</exception>
    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone)
        ?? throw new InvalidOperationException($"Jurisdiction:TimeZone '{TimeZone}' is not a tzdb time zone id (e.g. Asia/Shanghai).");
}
