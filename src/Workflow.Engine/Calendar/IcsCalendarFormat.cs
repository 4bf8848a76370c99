using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Workflow.Engine.Calendar;

/// <summary>
/// A small iCalendar (RFC 5545) reader and writer for working-day calendars: all-day VEVENTs only.
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
/// <para>Lines are unfolded on reading and folded at 75 octets on writing; TEXT escapes (\\ \; \, \n) are
/// handled. Output lines end with CRLF.</para>
/// </remarks>
public static class IcsCalendarFormat
{
    private static readonly LocalDatePattern BasicDate = LocalDatePattern.CreateWithInvariantCulture("yyyyMMdd");
    private static readonly string[] WorkdayMarkers = ["调休上班", "（班）", "(班)", "补班", "上班"];

    /// <summary>Reads the holidays and make-up days of an .ics text.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">File name for error messages.</param>
    /// <exception cref="CalendarDataException">Not a VCALENDAR, a VEVENT without an all-day DTSTART, a day listed
    /// both as holiday and make-up day. The message names the source and the event.</exception>
    public static IcsSchedule Read(string text, string source)
    {
        var lines = Unfold(text);
        if (!lines.Any(l => l.Equals("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase)))
            throw new CalendarDataException($"{source}: not an iCalendar file (no BEGIN:VCALENDAR).");
        var holidays = new Dictionary<LocalDate, Holiday>();
        var makeUps = new Dictionary<LocalDate, MakeUpWorkingDay>();
        Dictionary<string, (string Params, string Value)>? ev = null;
        var lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            if (line.Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase))
            {
                ev = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase);
                continue;
            }
            if (line.Equals("END:VEVENT", StringComparison.OrdinalIgnoreCase) && ev is not null)
            {
                AddEvent(ev, source, holidays, makeUps);
                ev = null;
                continue;
            }
            if (ev is null)
                continue;
            var colon = IndexOfValueColon(line);
            if (colon < 0)
                throw new CalendarDataException($"{source}: line {lineNo} is not NAME:VALUE: '{line}'.");
            var head = line[..colon];
            var semi = head.IndexOf(';');
            var name = semi < 0 ? head : head[..semi];
            var parameters = semi < 0 ? "" : head[(semi + 1)..];
            ev.TryAdd(name, (parameters, line[(colon + 1)..]));
        }
        return new IcsSchedule(holidays.Values.OrderBy(h => h.Date).ToArray(), makeUps.Values.OrderBy(m => m.Date).ToArray());
    }

    /// <summary>
    /// Writes the calendar's holidays (runs of consecutive days of one holiday as one event) and make-up days as an
    /// .ics text. Weekly rest days are not written (they are not events). <paramref name="stamp"/> is the DTSTAMP of
    /// every event; by default a fixed instant derived from nothing variable, so the output is reproducible.
    /// </summary>
    public static string Write(WorkingCalendar calendar, Instant? stamp = null)
    {
        var dtstamp = (stamp ?? Instant.FromUtc(2000, 1, 1, 0, 0)).ToString("uuuuMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        void Line(string l) => sb.Append(Fold(l)).Append("\r\n");
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line($"PRODID:-//Workflow//Working-day calendar {Escape(calendar.Id)} v{Escape(calendar.Version)}//ZH");
        Line("CALSCALE:GREGORIAN");
        Line($"X-WR-CALNAME:{Escape(calendar.Name)}");
        Line($"X-WR-TIMEZONE:{calendar.Zone.Id}");
        var holidays = calendar.Holidays;
        for (var i = 0; i < holidays.Count;)
        {
            var j = i;
            var provisional = calendar.IsProvisional(holidays[i].Date);
            while (j + 1 < holidays.Count && holidays[j + 1].Name == holidays[i].Name && holidays[j + 1].Date == holidays[j].Date.PlusDays(1)
                   && calendar.IsProvisional(holidays[j + 1].Date) == provisional)
                j++;
            WriteEvent(Line, calendar.Id, holidays[i].Date, holidays[j].Date, holidays[i].Name, "HOLIDAY", provisional, dtstamp);
            i = j + 1;
        }
        foreach (var m in calendar.MakeUpDays)
            WriteEvent(Line, calendar.Id, m.Date, m.Date, (m.Name.Length > 0 ? m.Name + " " : "") + "调休上班", "WORKDAY", calendar.IsProvisional(m.Date), dtstamp);
        Line("END:VCALENDAR");
        return sb.ToString();
    }

    private static void WriteEvent(Action<string> line, string id, LocalDate first, LocalDate last, string summary, string kind, bool provisional, string dtstamp)
    {
        line("BEGIN:VEVENT");
        line($"UID:{first:yyyyMMdd}-{kind.ToLowerInvariant()}@{Escape(id)}");
        line($"DTSTAMP:{dtstamp}");
        line($"DTSTART;VALUE=DATE:{first:yyyyMMdd}");
        line($"DTEND;VALUE=DATE:{last.PlusDays(1):yyyyMMdd}");
        line($"SUMMARY:{Escape(summary)}");
        line($"CATEGORIES:{kind}");
        line($"X-WORKFLOW-KIND:{kind}");
        if (provisional)
            line("X-WORKFLOW-PROVISIONAL:TRUE");
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }

    private static void AddEvent(Dictionary<string, (string Params, string Value)> ev, string source,
        Dictionary<LocalDate, Holiday> holidays, Dictionary<LocalDate, MakeUpWorkingDay> makeUps)
    {
        var summary = ev.TryGetValue("SUMMARY", out var s) ? Unescape(s.Value).Trim() : "";
        var what = summary.Length > 0 ? $"event '{summary}'" : "an event without SUMMARY";
        if (!ev.TryGetValue("DTSTART", out var start))
            throw new CalendarDataException($"{source}: {what} has no DTSTART.");
        var first = ParseDate(start.Value, source, what);
        var last = first;
        if (ev.TryGetValue("DTEND", out var end))
            last = ParseDate(end.Value, source, what).PlusDays(-1);
        else if (ev.TryGetValue("DURATION", out var duration))
        {
            var v = duration.Value.Trim().ToUpperInvariant();
            if (!(v.StartsWith('P') && v.EndsWith('D') && int.TryParse(v[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1))
                throw new CalendarDataException($"{source}: {what} has DURATION '{duration.Value}'; only whole days (P<n>D) are supported.");
            last = first.PlusDays(n - 1);
        }
        if (last < first)
            throw new CalendarDataException($"{source}: {what} ends before it starts ({first:yyyy-MM-dd}).");

        var kind = ev.TryGetValue("X-WORKFLOW-KIND", out var k) ? k.Value.Trim().ToUpperInvariant() : "";
        var categories = ev.TryGetValue("CATEGORIES", out var c) ? Unescape(c.Value).ToUpperInvariant() : "";
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

    private static LocalDate ParseDate(string value, string source, string what)
    {
        var v = value.Trim();
        if (v.Contains('T'))
            throw new CalendarDataException($"{source}: {what} is not an all-day event ('{v}' has a time).");
        var r = BasicDate.Parse(v);
        return r.Success ? r.Value : throw new CalendarDataException($"{source}: {what}: '{v}' is not a date (YYYYMMDD).");
    }

    private static List<string> Unfold(string text)
    {
        var result = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && result.Count > 0)
                result[^1] += raw[1..];
            else if (raw.Length > 0)
                result.Add(raw);
        }
        return result;
    }

    // A colon inside a quoted parameter value does not end the name.
    private static int IndexOfValueColon(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
                quoted = !quoted;
            else if (line[i] == ':' && !quoted)
                return i;
        }
        return -1;
    }

    private static string Fold(string line)
    {
        var bytes = Encoding.UTF8.GetByteCount(line);
        if (bytes <= 75)
            return line;
        var sb = new StringBuilder();
        var count = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var n = rune.Utf8SequenceLength;
            if (count + n > 75)
            {
                sb.Append("\r\n ");
                count = 1;
            }
            sb.Append(rune.ToString());
            count += n;
        }
        return sb.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\n", "\\n");

    private static string Unescape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                var next = text[++i];
                sb.Append(next is 'n' or 'N' ? '\n' : next);
            }
            else
                sb.Append(text[i]);
        }
        return sb.ToString();
    }
}
