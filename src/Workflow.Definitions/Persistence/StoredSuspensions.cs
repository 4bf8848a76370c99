using System.Globalization;
using System.Text;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.SpecialProcedures;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Persistence;

/// <summary>
/// The suspension intervals of a clock as one text column of the projection, so that lists read a clock from its row
/// without the case file. One interval per <c>;</c>: <c>start:end:procedure:plannedEnd:reason</c> — instants in
/// nanoseconds since the epoch (an open interval has no end), the special procedure's name (none for 补正), its planned
/// end, and the reason as base64url (UTF-8) so that it may contain any character. Rows written before the last three
/// parts existed (<c>start:end</c>) still decode; their hold has no reason until the case's next save rewrites them.
/// </summary>
internal static class StoredSuspensions
{
    public static string Encode(IEnumerable<ClockSuspension> suspensions)
    {
        var text = new StringBuilder();
        foreach (var s in suspensions)
        {
            if (text.Length > 0) text.Append(';');
            text.Append(Nanoseconds(s.Start)).Append(':');
            if (s.End is { } end) text.Append(Nanoseconds(end));
            text.Append(':').Append(s.Procedure?.ToString())
                .Append(':').Append(s.PlannedEnd is { } planned ? Nanoseconds(planned) : "")
                .Append(':').Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(s.Reason)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));
        }
        return text.ToString();
    }

    /// <summary>The intervals as the clock arithmetic needs them.</summary>
    public static IReadOnlyList<Suspension> Decode(string text) =>
        [.. DecodeFull(text).Select(s => new Suspension(s.Start, s.End, s.Reason))];

    /// <summary>The intervals with their cause (reason, special procedure, planned end), for the clock's hold (<see cref="Tracking.ClockHold"/>).</summary>
    public static IReadOnlyList<ClockSuspension> DecodeFull(string text) =>
        text.Length == 0
            ? []
            : text.Split(';').Select(part =>
            {
                var fields = part.Split(':');
                return new ClockSuspension(At(fields[0]), Optional(fields, 1) is { } end ? At(end) : null, Reason(Optional(fields, 4)), null,
                    Optional(fields, 2) is { } procedure ? Enum.Parse<SpecialProcedureKind>(procedure) : null,
                    Optional(fields, 3) is { } planned ? At(planned) : null);
            }).ToList();

    private static string? Optional(string[] fields, int index) => fields.Length > index && fields[index].Length > 0 ? fields[index] : null;

    private static string Reason(string? base64Url)
    {
        if (base64Url is null) return "";
        var padded = base64Url.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
    }

    private static string Nanoseconds(Instant instant) =>
        InstantToUnixNanosecondsConverter.ToUnixNanoseconds(instant).ToString(CultureInfo.InvariantCulture);

    private static Instant At(string nanoseconds) =>
        InstantToUnixNanosecondsConverter.FromUnixNanoseconds(long.Parse(nanoseconds, CultureInfo.InvariantCulture));
}
