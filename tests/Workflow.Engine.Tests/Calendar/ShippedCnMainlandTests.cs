using NodaTime;
using Workflow.Engine.Calendar;
using static Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace Workflow.Engine.Tests.Calendar;

/// <summary>
/// Pins every holiday and make-up working day of the official years 2020–2026 of <c>cn-mainland</c>, as announced
/// by the State Council General Office's yearly notices (国务院办公厅关于某年部分节假日安排的通知).
/// </summary>
public class ShippedCnMainlandTests
{
    // year → (holiday blocks "MM-DD..MM-DD name", make-up days "MM-DD"); a block may start in the previous year (yyyy-MM-DD).
    public static TheoryData<int, string[], string[]> Years => new()
    {
        { 2020, ["01-01 元旦", "01-24..02-02 春节", "04-04..04-06 清明节", "05-01..05-05 劳动节", "06-25..06-27 端午节", "10-01..10-08 国庆节"],
                ["01-19", "04-26", "05-09", "06-28", "09-27", "10-10"] },
        { 2021, ["01-01..01-03 元旦", "02-11..02-17 春节", "04-03..04-05 清明节", "05-01..05-05 劳动节", "06-12..06-14 端午节", "09-19..09-21 中秋节", "10-01..10-07 国庆节"],
                ["02-07", "02-20", "04-25", "05-08", "09-18", "09-26", "10-09"] },
        { 2022, ["01-01..01-03 元旦", "01-31..02-06 春节", "04-03..04-05 清明节", "04-30..05-04 劳动节", "06-03..06-05 端午节", "09-10..09-12 中秋节", "10-01..10-07 国庆节"],
                ["01-29", "01-30", "04-02", "04-24", "05-07", "10-08", "10-09"] },
        { 2023, ["2022-12-31..01-02 元旦", "01-21..01-27 春节", "04-05 清明节", "04-29..05-03 劳动节", "06-22..06-24 端午节", "09-29 中秋节", "09-30..10-06 国庆节"],
                ["01-28", "01-29", "04-23", "05-06", "06-25", "10-07", "10-08"] },
        { 2024, ["01-01 元旦", "02-10..02-17 春节", "04-04..04-06 清明节", "05-01..05-05 劳动节", "06-10 端午节", "09-15..09-17 中秋节", "10-01..10-07 国庆节"],
                ["02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"] },
        { 2025, ["01-01 元旦", "01-28..02-04 春节", "04-04..04-06 清明节", "05-01..05-05 劳动节", "05-31..06-02 端午节", "10-01..10-05 国庆节", "10-06 中秋节", "10-07..10-08 国庆节"],
                ["01-26", "02-08", "04-27", "09-28", "10-11"] },
        { 2026, ["01-01..01-03 元旦", "02-15..02-23 春节", "04-04..04-06 清明节", "05-01..05-05 劳动节", "06-19..06-21 端午节", "09-25..09-27 中秋节", "10-01..10-07 国庆节"],
                ["01-04", "02-14", "02-28", "05-09", "09-20", "10-10"] },
    };

    [Theory]
    [MemberData(nameof(Years))]
    public void Holidays_and_make_up_days_of_each_official_year_are_exactly_the_announced_ones(int year, string[] blocks, string[] makeUps)
    {
        var c = CnMainland;
        var expected = new List<Holiday>();
        foreach (var block in blocks)
        {
            var (range, name) = (block[..block.IndexOf(' ')], block[(block.IndexOf(' ') + 1)..]);
            var parts = range.Split("..");
            var from = parts[0].Length > 5 ? D(parts[0]) : D($"{year}-{parts[0]}");
            var to = parts.Length > 1 ? D($"{year}-{parts[1]}") : from;
            for (var d = from; d <= to; d = d.PlusDays(1))
                expected.Add(new Holiday(d, name));
        }
        var first = expected.Min(h => h.Date) < new LocalDate(year, 1, 1) ? expected.Min(h => h.Date) : new LocalDate(year, 1, 1);
        var yearRange = new DateRange(first, new LocalDate(year, 12, 31));
        var alreadyCounted = year == 2022 ? [D("2022-12-31")] : Array.Empty<LocalDate>(); // 2023's 元旦 starts in 2022

        c.Holidays.Where(h => yearRange.Contains(h.Date) && !alreadyCounted.Contains(h.Date)).Should().Equal(expected);
        c.MakeUpDays.Where(m => m.Date.Year == year).Select(m => m.Date).Should().Equal(makeUps.Select(m => D($"{year}-{m}")));
        foreach (var m in makeUps)
        {
            c.IsWorkingDay(D($"{year}-{m}")).Should().BeTrue($"{year}-{m} is a make-up working day");
            c.RestDays.Should().Contain(D($"{year}-{m}").DayOfWeek, "a make-up day is always a weekend day");
        }
        foreach (var h in expected)
            c.IsWorkingDay(h.Date).Should().BeFalse();
        c.IsProvisional(new LocalDate(year, 6, 1)).Should().BeFalse();
    }

    [Fact]
    public void Covers_2020_to_2026_officially_and_2027_to_2030_provisionally()
    {
        CnMainland.OfficialRange.Should().Be(DateRange.Years(2020, 2026));
        CnMainland.ProvisionalRange.Should().Be(DateRange.Years(2027, 2030));
        CnMainland.Zone.Id.Should().Be("Asia/Shanghai");
        CnMainland.OfficeHoursOn(D("2025-09-28")).Should().Be(OfficeHours.Standard, "a make-up Sunday has Monday's hours");
        CnMainland.OfficeHoursOn(D("2025-10-01")).Should().Be(OfficeHours.None);
    }

    [Fact]
    public void A_date_outside_both_ranges_is_an_error_that_names_the_range()
    {
        var act = () => CnMainland.IsWorkingDay(D("2031-01-02"));

        act.Should().Throw<CalendarRangeException>().Which.OneLine.Should().Be("Date 2031-01-02 is outside calendar 'cn-mainland', which covers 2020-01-01..2030-12-31.");
        ((Action)(() => CnMainland.AddWorkingDays(D("2019-12-31"), 1))).Should().Throw<CalendarRangeException>().WithMessage("*2019-12-31*2020-01-01..2030-12-31*");
        ((Action)(() => CnMainland.AddWorkingDays(D("2030-12-20"), 30))).Should().Throw<CalendarRangeException>().WithMessage("*2020-01-01..2030-12-31*");
    }

    [Fact]
    public void Weekdays_calendar_has_no_holidays_and_spans_centuries()
    {
        var w = Weekdays;
        w.Holidays.Should().BeEmpty();
        w.IsWorkingDay(D("2025-10-01")).Should().BeTrue();
        w.IsWorkingDay(D("2025-10-04")).Should().BeFalse();
        w.AddWorkingDays(D("2100-02-26"), 1).Should().Be(D("2100-03-01"), "2100 is not a leap year");
        w.CountWorkingDays(D("1999-12-31"), D("2099-12-31")).Should().Be(26089);
    }
}
