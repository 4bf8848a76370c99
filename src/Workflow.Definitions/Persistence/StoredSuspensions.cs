using System.Globalization;
using System.Text;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// The suspension intervals of a clock as one text column of the projection (<c>start:end;start:</c>, nanoseconds since
/// the epoch, an open interval without end), so that lists read a clock from its row without the case file.
/// </summary>
internal static class StoredSuspensions
{
    public static string Encode(IEnumerable<ClockSuspension> suspensions)
    {
        var text = new StringBuilder();
        foreach (var s in suspensions)
        {
            if (text.Length > 0) text.Append(';');
            text.Append(InstantToUnixNanosecondsConverter.ToUnixNanoseconds(s.Start).ToString(CultureInfo.InvariantCulture)).Append(':');
            if (s.End is { } end) text.Append(InstantToUnixNanosecondsConverter.ToUnixNanoseconds(end).ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public static IReadOnlyList<Suspension> Decode(string text) =>
        text.Length == 0
            ? []
            : text.Split(';').Select(part =>
            {
                var colon = part.IndexOf(':', StringComparison.Ordinal);
                var end = part[(colon + 1)..];
                return new Suspension(At(part[..colon]), end.Length == 0 ? null : At(end), "");
            }).ToList();

    private static Instant At(string nanoseconds) =>
        InstantToUnixNanosecondsConverter.FromUnixNanoseconds(long.Parse(nanoseconds, CultureInfo.InvariantCulture));
}
