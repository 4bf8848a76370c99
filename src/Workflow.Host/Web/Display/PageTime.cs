using System.Globalization;
using NodaTime;

namespace Workflow.Host.Web.Display;

/// <summary>Instants as the pages show them: in the jurisdiction's zone, to the minute, with the zone's offset.</summary>
public static class PageTime
{
    /// <summary>e.g. <c>2025-10-10 17:30</c> (local time of <paramref name="zone"/>).</summary>
    public static string Format(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>As <see cref="Format(Instant, DateTimeZone)"/>, or a dash for none.</summary>
    public static string Format(Instant? instant, DateTimeZone zone) => instant is { } i ? Format(i, zone) : "–";
}
