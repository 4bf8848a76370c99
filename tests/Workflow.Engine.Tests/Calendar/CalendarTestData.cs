using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Calendars;
using Workflow.Engine.Calendar;

namespace Workflow.Engine.Tests.Calendar;

internal static class CalendarTestData
{
    private static readonly Lazy<IReadOnlyList<WorkingCalendar>> Shipped = new(ShippedCalendars.LoadAll);

    public static WorkingCalendar CnMainland => Shipped.Value.Single(c => c.Id == "cn-mainland");
    public static WorkingCalendar Weekdays => Shipped.Value.Single(c => c.Id == "weekdays");

    private static readonly OffsetDateTimePattern Minutes = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mmo<G>");
    private static readonly OffsetDateTimePattern MinutesOut = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mmo<+HH:mm>");

    /// <summary>"2025-09-26T10:00+08:00" → instant.</summary>
    public static Instant T(string text) => Minutes.Parse(text).GetValueOrThrow().ToInstant();

    /// <summary>Formats in Asia/Shanghai like the worked examples of docs/calendars.md.</summary>
    public static string Shanghai(Instant instant) => MinutesOut.Format(instant.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToOffsetDateTime());

    public static LocalDate D(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    /// <summary>A calendar built from code: Sat/Sun rest, standard hours, Asia/Shanghai.</summary>
    public static WorkingCalendar Build(string from, string to, IEnumerable<string>? holidays = null, IEnumerable<string>? makeUps = null,
        OfficeHours? makeUpHours = null, IReadOnlyDictionary<IsoDayOfWeek, OfficeHours>? hours = null, string? provisionalTo = null) =>
        new("test", "1", DateTimeZoneProviders.Tzdb["Asia/Shanghai"], [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday],
            hours ?? Enumerable.Range(1, 5).ToDictionary(i => (IsoDayOfWeek)i, _ => OfficeHours.Standard), makeUpHours,
            (holidays ?? []).Select(d => new Holiday(D(d), "H")), (makeUps ?? []).Select(d => new MakeUpWorkingDay(D(d), "H")),
            new DateRange(D(from), provisionalTo is null ? D(to) : D(to)),
            provisionalTo is null ? null : new DateRange(D(to).PlusDays(1), D(provisionalTo)));
}
