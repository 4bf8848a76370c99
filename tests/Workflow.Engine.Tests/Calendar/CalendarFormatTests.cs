using Workflow.Engine.Calendar;
using static Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace Workflow.Engine.Tests.Calendar;

/// <summary>The JSON format's validation and the iCalendar reader/writer.</summary>
public class CalendarFormatTests
{
    private const string Valid = """
        { "id": "x", "version": "1", "timeZone": "Asia/Shanghai", "restDays": ["Saturday", "Sunday"],
          "official": { "from": "2025-01-01", "to": "2025-12-31" },
          "holidays": [ { "name": "国庆节", "from": "2025-10-01", "to": "2025-10-08" } ],
          "makeUpDays": [ { "date": "2025-09-28", "name": "国庆节" } ] }
        """;

    [Fact]
    public void Valid_json_loads_with_default_office_hours()
    {
        var c = WorkingCalendarJson.Parse(Valid, "x.json");
        c.IsWorkingDay(D("2025-09-28")).Should().BeTrue();
        c.OfficeHoursOn(D("2025-09-29")).Should().Be(OfficeHours.Standard);
        c.HolidayOn(D("2025-10-03"))!.Name.Should().Be("国庆节");
    }

    [Theory]
    [InlineData("\"Asia/Shanghai\"", "\"Mars/Olympus\"", "x.json: unknown time zone 'Mars/Olympus'*")]
    [InlineData("{ \"date\": \"2025-09-28\", \"name\": \"国庆节\" }", "{ \"date\": \"2025-10-02\", \"name\": \"国庆节\" }", "x.json:*2025-10-02 is both a holiday*make-up*")]
    [InlineData("\"to\": \"2025-10-08\"", "\"to\": \"2026-01-02\"", "x.json: holiday 国庆节 on 2026-01-01 is outside the official range 2025-01-01..2025-12-31*")]
    [InlineData("\"from\": \"2025-10-01\"", "\"from\": \"2025-10-32\"", "x.json: holiday 国庆节: '2025-10-32' is not a date*")]
    [InlineData("[ { \"name\": \"国庆节\"", "[ { \"name\": \"中秋节\", \"date\": \"2025-10-06\" }, { \"name\": \"国庆节\"", "x.json: 2025-10-06 is listed twice*")]
    [InlineData("\"restDays\"", "\"officeHours\": { \"default\": [\"12:00-09:00\"] }, \"restDays\"", "x.json: officeHours.default: *ends before it starts*")]
    public void Invalid_json_names_the_file_and_the_date(string find, string replace, string message)
    {
        var act = () => WorkingCalendarJson.Parse(Valid.Replace(find, replace), "x.json");
        act.Should().Throw<CalendarDataException>().WithMessage(message);
    }

    [Fact]
    public void Json_round_trip_keeps_every_day_and_regenerates_provisional_years()
    {
        var c = CnMainland;
        var again = WorkingCalendarJson.Parse(WorkingCalendarJson.Write(c), "roundtrip.json");

        again.Holidays.Should().Equal(c.Holidays);
        again.MakeUpDays.Should().Equal(c.MakeUpDays);
        again.ProvisionalRange.Should().Be(c.ProvisionalRange);
        again.ProvisionalRules.Should().Be(ChineseStatutoryHolidays.RuleSetName);
    }

    [Fact]
    public void Ics_round_trip_keeps_holidays_make_up_days_and_names()
    {
        var c = CnMainland;
        var ics = IcsCalendarFormat.Write(c);
        var read = IcsCalendarFormat.Read(ics, "cn.ics");

        read.Holidays.Should().Equal(c.Holidays);
        read.MakeUpDays.Should().Equal(c.MakeUpDays);
        // Ical.Net writes an event's properties in alphabetical order: compare each event's lines as a set.
        var events = ics.Split("BEGIN:VEVENT\r\n").Skip(1).Select(e => e[..e.IndexOf("END:VEVENT", StringComparison.Ordinal)].Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToHashSet()).ToList();
        events.Should().Contain(e => e.IsSupersetOf(new[] { "DTSTART;VALUE=DATE:20250928", "DTEND;VALUE=DATE:20250929", "SUMMARY:国庆节 调休上班", "CATEGORIES:WORKDAY", "X-WORKFLOW-KIND:WORKDAY" })
            && !e.Contains("X-WORKFLOW-PROVISIONAL:TRUE"));
        events.Should().Contain(e => e.IsSupersetOf(new[] { "DTSTART;VALUE=DATE:20270205", "DTEND;VALUE=DATE:20270211", "SUMMARY:春节", "CATEGORIES:HOLIDAY", "X-WORKFLOW-KIND:HOLIDAY", "X-WORKFLOW-PROVISIONAL:TRUE" }));
        ics.Split("\r\n").Should().OnlyContain(l => System.Text.Encoding.UTF8.GetByteCount(l) <= 75);
    }

    [Fact]
    public void Ics_from_other_sources_recognises_make_up_days_by_summary_or_categories_and_unfolds_lines()
    {
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
                           "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20251001\r\nDTEND;VALUE=DATE:20251009\r\nSUMMARY:国庆节\\, 中秋节\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250928\r\nSUMMARY:国庆节补班\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nDTSTART:20251011\r\nCATEGORIES:WORKDAY\r\nSUMMARY:National\r\n  Day\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250126\r\nDURATION:P1D\r\nSUMMARY:春节（班）\r\nEND:VEVENT\r\n" +
                           "END:VCALENDAR\r\n";
        var read = IcsCalendarFormat.Read(ics, "other.ics");

        read.Holidays.Should().HaveCount(8).And.OnlyContain(h => h.Name == "国庆节, 中秋节");
        read.MakeUpDays.Select(m => $"{m.Date:MM-dd} {m.Name}").Should().Equal("01-26 春节", "09-28 国庆节", "10-11 National Day");
        read.Years.Should().Be(DateRange.Years(2025, 2025));
    }

    [Theory]
    [InlineData("BEGIN:VEVENT\r\nDTSTART:20251001T090000Z\r\nSUMMARY:x\r\nEND:VEVENT", "a.ics: event 'x' is not an all-day event*")]
    [InlineData("BEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT", "a.ics: event 'x' has no DTSTART*")]
    [InlineData("BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20251001\r\nSUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20251001\r\nSUMMARY:x 上班\r\nEND:VEVENT", "a.ics: 2025-10-01 is both*")]
    public void Bad_ics_names_the_file_and_the_event(string events, string message)
    {
        var act = () => IcsCalendarFormat.Read($"BEGIN:VCALENDAR\r\n{events}\r\nEND:VCALENDAR\r\n", "a.ics");
        act.Should().Throw<CalendarDataException>().WithMessage(message);
    }
}
