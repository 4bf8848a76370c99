using NodaTime;
using Workflow.Engine.Calendar;
using Workflow.Testing;
using static Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace Workflow.Engine.Tests.Calendar;

/// <summary>docs/calendars.md, Provisional extension: the years not yet announced, computed from the statutory rules and replaced on import.</summary>
public class ProvisionalExtensionTests
{
    private static readonly IReadOnlySet<IsoDayOfWeek> Weekend = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday };

    [Fact]
    public void Spring_Festival_2027_starts_on_New_Years_Eve_from_the_lunar_calendar_with_weekend_substitutes()
    {
        ChineseStatutoryHolidays.LunarDate(2027, 1, 1).Should().Be(D("2027-02-06"));
        var spring = ChineseStatutoryHolidays.ForYear(2027, Weekend).Where(h => h.Name == "春节").Select(h => h.Date);

        // 除夕 Fri 02-05, 初一 Sat, 初二 Sun, 初三 Mon; Sat and Sun give Tue 02-09 and Wed 02-10 off.
        spring.Should().Equal(D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08"), D("2027-02-09"), D("2027-02-10"));
    }

    [Fact]
    public void Holidays_of_2027_are_computed_and_marked_provisional()
    {
        var c = CnMainland;
        c.Holidays.Where(h => h.Date.Year == 2027).Select(h => $"{h.Date:MM-dd} {h.Name}").Should().Equal(
            "01-01 元旦", "02-05 春节", "02-06 春节", "02-07 春节", "02-08 春节", "02-09 春节", "02-10 春节",
            "04-05 清明节", "05-01 劳动节", "05-02 劳动节", "05-03 劳动节", "05-04 劳动节", "06-09 端午节",
            "09-15 中秋节", "10-01 国庆节", "10-02 国庆节", "10-03 国庆节", "10-04 国庆节", "10-05 国庆节");
        c.MakeUpDays.Where(m => m.Date.Year >= 2027).Should().BeEmpty("the rules predict no make-up days");
        c.IsProvisional(D("2027-04-05")).Should().BeTrue();
        c.IsWorkingDay(D("2027-04-05")).Should().BeFalse();
        c.IsProvisional(D("2026-12-31")).Should().BeFalse();
    }

    [Theory]
    [InlineData(2020, "2020-04-04")]
    [InlineData(2021, "2021-04-04")]
    [InlineData(2022, "2022-04-05")]
    [InlineData(2023, "2023-04-05")]
    [InlineData(2024, "2024-04-04")]
    [InlineData(2025, "2025-04-04")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-04-05")]
    [InlineData(2028, "2028-04-04")]
    [InlineData(2029, "2029-04-04")]
    [InlineData(2030, "2030-04-05")]
    public void Qingming_solar_term_matches_the_announced_and_astronomical_dates(int year, string expected) =>
        ChineseStatutoryHolidays.Qingming(year).Should().Be(D(expected));

    [Theory]
    [InlineData(2023, 5, 5, "2023-06-22")] // year with a leap 2nd month
    [InlineData(2023, 8, 15, "2023-09-29")]
    [InlineData(2025, 5, 5, "2025-05-31")]
    [InlineData(2025, 8, 15, "2025-10-06")] // year with a leap 6th month
    [InlineData(2026, 1, 1, "2026-02-17")]
    [InlineData(2028, 1, 1, "2028-01-26")]
    public void Lunar_dates_skip_the_leap_month(int year, int month, int day, string expected) =>
        ChineseStatutoryHolidays.LunarDate(year, month, day).Should().Be(D(expected));

    [Fact]
    public void Mid_Autumn_on_National_Day_and_weekend_National_Day_gives_next_working_days_off()
    {
        // 2028: 中秋 is 10-03 (inside 国庆) and Oct 1 is a Sunday: 国庆's substitute first, then 中秋's.
        ChineseStatutoryHolidays.LunarDate(2028, 8, 15).Should().Be(D("2028-10-03"));
        var days = ChineseStatutoryHolidays.ForYear(2028, Weekend).Where(h => h.Date.Month == 10).Select(h => $"{h.Date:MM-dd} {h.Name}");
        days.Should().Equal("10-01 国庆节", "10-02 国庆节", "10-03 国庆节", "10-04 国庆节", "10-05 中秋节");
    }

    [Fact]
    public void Importing_the_official_2027_schedule_replaces_the_provisional_dates_and_recomputes_an_open_clock()
    {
        var clock = FakeClock.At("2026-12-30T10:00:00+08:00");
        var registry = new CalendarRegistry([CnMainland, Weekdays]);
        var open = new DeadlineClock(registry.Get("cn-mainland"), clock.GetCurrentInstant(), 3);
        // Provisional: 12-31, (01-01 元旦 off), 01-04, 01-05.
        Shanghai(open.Due!.Value).Should().Be("2027-01-05T17:30+08:00");
        open.IsProvisional.Should().BeTrue();
        open.StatusNow(clock).IsProvisional.Should().BeTrue();

        CalendarChangedEventArgs? change = null;
        registry.Changed += (_, e) => change = e;
        // A hypothetical announcement: 元旦 01-01..01-03, Sunday 01-03 worked instead... written as an .ics file.
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
                           "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270103\r\nSUMMARY:元旦\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20270103\r\nSUMMARY:元旦 调休上班\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nUID:c\r\nDTSTART;VALUE=DATE:20270205\r\nDTEND;VALUE=DATE:20270213\r\nSUMMARY:春节\r\nEND:VEVENT\r\n" +
                           "END:VCALENDAR\r\n";
        var updated = registry.ImportOfficialSchedule("cn-mainland", IcsCalendarFormat.Read(ics, "2027.ics"), "2027.1");

        updated.OfficialRange.Should().Be(DateRange.Years(2020, 2027));
        updated.ProvisionalRange.Should().Be(DateRange.Years(2028, 2030));
        updated.IsProvisional(D("2027-04-05")).Should().BeFalse();
        updated.IsWorkingDay(D("2027-04-05")).Should().BeTrue("the imported schedule does not list 清明 (hypothetical)");
        updated.IsWorkingDay(D("2027-01-03")).Should().BeTrue();
        updated.HolidayOn(D("2027-02-12"))!.Name.Should().Be("春节");
        change!.Previous.Version.Should().Be("2026.1");
        change.Current.Should().BeSameAs(updated);

        var recomputed = registry.Recompute(open);
        // 12-31, 01-03 (make-up Sunday), 01-04.
        Shanghai(recomputed.Due!.Value).Should().Be("2027-01-04T17:30+08:00");
        recomputed.IsProvisional.Should().BeFalse();
        recomputed.StatusNow(clock).IsProvisional.Should().BeFalse();
    }

    [Fact]
    public void A_deadline_started_in_December_2026_runs_into_the_provisional_years()
    {
        var c = CnMainland;
        var clock = new DeadlineClock(c, T("2026-12-15T09:00+08:00"), 60);
        var status = clock.StatusAt(T("2026-12-16T09:00+08:00"));

        status.IsProvisional.Should().BeTrue();
        clock.Explain().Should().Contain("PROVISIONAL");
        // 12 working days left in Dec 2026 after 12-15; January 2027 has 20 (01-01 off); Feb has 14 (02-05..02-10 off).
        clock.DueInZone!.Value.Date.Should().Be(c.AddWorkingDays(D("2026-12-15"), 60));
    }
}
