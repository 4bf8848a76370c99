using System.Globalization;
using System.Runtime.Serialization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using IcalCalendar = Ical.Net.Calendar;

namespace Workflow.Engine.Calendar;

/// <summary>
/// Reads and writes working-day calendars as iCalendar (RFC 5545) with Ical.Net 5: all-day VEVENTs only.
/// </summary>
/// <remarks>
/// <para><b>Holidays</b>: one VEVENT per run of consecutive days of one holiday, <c>DTSTART;VALUE=DATE</c> and
/// <c>DTEND;VALUE=DATE</c> (exclusive, as RFC 5545 says), <c>SUMMARY</c> the holiday's name,
/// <c>CATEGORIES:HOLIDAY</c>, <c>X-WORKFLOW-KIND:HOLIDAY</c>; provisional days also carry
/// <c>X-WORKFLOW-PROVISIONAL:TRUE</c>.</para>
/// <para><b>Make-up working days</b> (调休上班) are written with <c>X-WORKFLOW-KIND:WORKDAY</c>,
/// <c>CATEGORIES:WORKDAY</c> and <c>SUMMARY:&lt;holiday&gt; 调休上班</c>. On reading, an event is a make-up day when
/// any of these holds: <c>X-WORKFLOW-KIND:WORKDAY</c>; <c>CATEGORIES</c> contains WORKDAY, WORKINGDAY or MAKEUP;
/// <c>SUMMARY</c> contains 上班, 补班 or 班 in parentheses, or "make-up". The marker is stripped from the name.
/// Every other all-day event is a holiday. Timed events (DTSTART with a time) are rejected.</para>
/// <para>Ical.Net unfolds and unescapes on reading and folds at 75 octets and escapes on writing; it writes each
/// component's properties in alphabetical order, with CRLF line ends.</para>
/// </remarks>
public static class IcsCalendarFormat
{
    private static readonly string[] WorkdayMarkers = ["调休上班", "（班）", "(班)", "补班", "上班"];

    /// <summary>Reads the holidays and make-up days of an .ics text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">File name for error messages.</param>
    /// <exception cref="CalendarDataException">Not a VCALENDAR, a line Ical.Net cannot read, a VEVENT without an all-day
    /// DTSTART, a day listed both as holiday and make-up day. The message names the source and the event.</exception>
    public static IcsSchedule Read(string text, string source)
    {
        if (!text.Contains("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
            throw new CalendarDataException($"{source}: not an iCalendar file (no BEGIN:VCALENDAR).");
        IcalCalendar? calendar;
        try
        {
            calendar = IcalCalendar.Load(text);
        }
        catch (SerializationException e)
        {
            throw new CalendarDataException($"{source}: {e.Message}");
        }
        if (calendar is null)
            throw new CalendarDataException($"{source}: not an iCalendar file (no VCALENDAR could be read).");

        var holidays = new Dictionary<LocalDate, Holiday>();
        var makeUps = new Dictionary<LocalDate, MakeUpWorkingDay>();
        foreach (var ev in calendar.Events)
            AddEvent(ev, source, holidays, makeUps);
        return new IcsSchedule(holidays.Values.OrderBy(h => h.Date).ToArray(), makeUps.Values.OrderBy(m => m.Date).ToArray());
    }

    /// <summary>
    /// Writes the calendar's holidays (runs of consecutive days of one holiday as one event) and make-up days as an
    /// .ics text. Weekly rest days are not written (they are not events). <paramref name="stamp"/> is the DTSTAMP of
    /// every event; by default a fixed instant derived from nothing variable, so the output is reproducible.
    /// </summary>
    public static string Write(WorkingCalendar calendar, Instant? stamp = null)
    {
        var dtstamp = new CalDateTime((stamp ?? Instant.FromUtc(2000, 1, 1, 0, 0)).ToDateTimeUtc(), "UTC");
        var ics = new IcalCalendar
        {
            ProductId = $"-//Workflow//Working-day calendar {calendar.Id} v{calendar.Version}//ZH",
            Scale = "GREGORIAN",
        };
        ics.AddProperty("X-WR-CALNAME", calendar.Name);
        ics.AddProperty("X-WR-TIMEZONE", calendar.Zone.Id);
        var holidays = calendar.Holidays;
        for (var i = 0; i < holidays.Count;)
        {
            var j = i;
            var provisional = calendar.IsProvisional(holidays[i].Date);
            while (j + 1 < holidays.Count && holidays[j + 1].Name == holidays[i].Name && holidays[j + 1].Date == holidays[j].Date.PlusDays(1)
                   && calendar.IsProvisional(holidays[j + 1].Date) == provisional)
                j++;
            ics.Events.Add(Event(calendar.Id, holidays[i].Date, holidays[j].Date, holidays[i].Name, "HOLIDAY", provisional, dtstamp));
            i = j + 1;
        }
        foreach (var m in calendar.MakeUpDays)
            ics.Events.Add(Event(calendar.Id, m.Date, m.Date, (m.Name.Length > 0 ? m.Name + " " : "") + "调休上班", "WORKDAY", calendar.IsProvisional(m.Date), dtstamp));
        return new CalendarSerializer().SerializeToString(ics) ?? "";
    }

    private static CalendarEvent Event(string id, LocalDate first, LocalDate last, string summary, string kind, bool provisional, CalDateTime dtstamp)
    {
        var ev = new CalendarEvent
        {
            Uid = $"{first.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}-{kind.ToLowerInvariant()}@{id}",
            DtStamp = dtstamp,
            Start = new CalDateTime(first.ToDateOnly()),
            End = new CalDateTime(last.PlusDays(1).ToDateOnly()),
            Summary = summary,
            Categories = [kind],
            Transparency = "TRANSPARENT",
        };
        ev.AddProperty("X-WORKFLOW-KIND", kind);
        if (provisional)
            ev.AddProperty("X-WORKFLOW-PROVISIONAL", "TRUE");
        return ev;
    }

    private static void AddEvent(CalendarEvent ev, string source, Dictionary<LocalDate, Holiday> holidays, Dictionary<LocalDate, MakeUpWorkingDay> makeUps)
    {
        var summary = (ev.Summary ?? "").Trim();
        var what = summary.Length > 0 ? $"event '{summary}'" : "an event without SUMMARY";
        if (ev.Start is not { } start)
            throw new CalendarDataException($"{source}: {what} has no DTSTART.");
        if (start.HasTime)
            throw new CalendarDataException($"{source}: {what} is not an all-day event ('{start}' has a time).");
        var first = LocalDate.FromDateOnly(start.Date);
        var last = first;
        if (ev.End is { } end)
        {
            if (end.HasTime)
                throw new CalendarDataException($"{source}: {what} is not an all-day event (its DTEND '{end}' has a time).");
            last = LocalDate.FromDateOnly(end.Date).PlusDays(-1);
        }
        else if (ev.Duration is { } duration)
        {
            if (duration.Weeks is not null and not 0 || duration.Hours is not null and not 0 || duration.Minutes is not null and not 0
                || duration.Seconds is not null and not 0 || duration.Days is not (>= 1) || duration.Sign < 0)
                throw new CalendarDataException($"{source}: {what} has DURATION '{duration}'; only whole days (P<n>D) are supported.");
            last = first.PlusDays(duration.Days!.Value - 1);
        }
        if (last < first)
            throw new CalendarDataException($"{source}: {what} ends before it starts ({first:yyyy-MM-dd}).");

        var kind = (ev.Properties.Get<string>("X-WORKFLOW-KIND") ?? "").Trim().ToUpperInvariant();
        var categories = string.Join(",", ev.Categories).ToUpperInvariant();
        var isWorkday = kind == "WORKDAY"
                        || (kind != "HOLIDAY" && (categories.Contains("WORKDAY") || categories.Contains("WORKINGDAY") || categories.Contains("MAKEUP")
                            || WorkdayMarkers.Any(summary.Contains) || summary.Contains("make-up", StringComparison.OrdinalIgnoreCase)));
        var name = summary;
        foreach (var marker in WorkdayMarkers)
            name = name.Replace(marker, "");
        name = name.Trim();

        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            if (isWorkday)
            {
                if (holidays.ContainsKey(d))
                    throw new CalendarDataException($"{source}: {d:yyyy-MM-dd} is both a holiday and a make-up working day.");
                makeUps[d] = new MakeUpWorkingDay(d, name);
            }
            else
            {
                if (makeUps.ContainsKey(d))
                    throw new CalendarDataException($"{source}: {d:yyyy-MM-dd} is both a holiday and a make-up working day.");
                holidays[d] = new Holiday(d, name.Length > 0 ? name : "Holiday");
            }
        }
    }
}
