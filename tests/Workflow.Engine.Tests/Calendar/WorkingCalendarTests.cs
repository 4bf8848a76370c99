using NodaTime;
using Workflow.Engine.Calendar;
using static Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace Workflow.Engine.Tests.Calendar;

public class WorkingCalendarTests
{
    [Fact]
    public void Count_is_half_open_from_exclusive_to_inclusive_and_negates_when_reversed()
    {
        var c = CnMainland;
        c.CountWorkingDays(D("2025-09-26"), D("2025-10-10")).Should().Be(5);
        c.CountWorkingDays(D("2025-10-10"), D("2025-09-26")).Should().Be(-5);
        c.CountWorkingDays(D("2025-10-01"), D("2025-10-01")).Should().Be(0);
        c.AddWorkingDays(D("2025-09-26"), 0).Should().Be(D("2025-09-26"));
        c.AddWorkingDays(D("2025-10-01"), 0).Should().Be(D("2025-10-01"), "N = 0 returns the date even on a holiday");
        c.NextWorkingDay(D("2025-09-30")).Should().Be(D("2025-10-09"));
        ((Action)(() => c.AddWorkingDays(D("2025-09-26"), -1))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*-1*");
    }

    [Fact]
    public void Make_up_days_have_Mondays_hours_unless_declared()
    {
        var mondayShort = new Dictionary<IsoDayOfWeek, OfficeHours>
        {
            [IsoDayOfWeek.Monday] = new([OfficePeriod.Parse("10:00-12:00")]),
            [IsoDayOfWeek.Tuesday] = OfficeHours.Standard, [IsoDayOfWeek.Wednesday] = OfficeHours.Standard,
            [IsoDayOfWeek.Thursday] = OfficeHours.Standard, [IsoDayOfWeek.Friday] = OfficeHours.Standard,
        };
        var c = Build("2025-01-01", "2025-12-31", makeUps: ["2025-09-28"], hours: mondayShort);
        c.OfficeHoursOn(D("2025-09-28")).Total.Should().Be(Duration.FromHours(2));

        var declared = Build("2025-01-01", "2025-12-31", makeUps: ["2025-09-28"], hours: mondayShort, makeUpHours: new([OfficePeriod.Parse("08:00-11:00")]));
        declared.OfficeHoursOn(D("2025-09-28")).Total.Should().Be(Duration.FromHours(3));
        // A clock counts days as units: the 3 h make-up day is one whole working day.
        Shanghai(new DeadlineClock(declared, T("2025-09-26T10:00+08:00"), 1).Due!.Value).Should().Be("2025-09-28T11:00+08:00");
    }

    [Fact]
    public void Working_time_between_instants_counts_office_hours_of_working_days_only()
    {
        var c = CnMainland;
        c.WorkingTimeBetween(T("2025-09-26T10:00+08:00"), T("2025-09-29T10:00+08:00")).Should().Be(Duration.FromHours(6 + 7 + 1), "Fri 6 h, make-up Sun 7 h, Mon 1 h");
        c.WorkingTimeBetween(T("2025-09-30T11:00+08:00"), T("2025-10-09T09:30+08:00")).Should().Be(Duration.FromMinutes(60 + 240 + 30));
        c.WorkingTimeBetween(T("2025-09-29T12:10+08:00"), T("2025-09-29T13:20+08:00")).Should().Be(Duration.Zero);
        c.WorkingTimeBetween(T("2025-09-29T13:00+08:00"), T("2025-09-29T12:00+08:00")).Should().Be(Duration.Zero);
    }

    [Fact]
    public void Construction_rejects_conflicting_or_misplaced_days_naming_the_date()
    {
        ((Action)(() => Build("2025-01-01", "2025-12-31", holidays: ["2025-09-28"], makeUps: ["2025-09-28"])))
            .Should().Throw<CalendarDataException>().WithMessage("*2025-09-28*both a holiday*");
        ((Action)(() => Build("2025-01-01", "2025-12-31", makeUps: ["2025-09-29"])))
            .Should().Throw<CalendarDataException>().WithMessage("*2025-09-29*Monday*");
        ((Action)(() => Build("2025-01-01", "2025-12-31", holidays: ["2026-01-01"])))
            .Should().Throw<CalendarDataException>().WithMessage("*2026-01-01*outside*2025-01-01..2025-12-31*");
    }

    [Fact]
    public void Leap_day_and_range_edges()
    {
        var c = Build("2024-02-01", "2024-03-31");
        c.AddWorkingDays(D("2024-02-28"), 1).Should().Be(D("2024-02-29"));
        c.AddWorkingDays(D("2024-03-28"), 1).Should().Be(D("2024-03-29"), "the last working day of the range");
        ((Action)(() => c.NextWorkingDay(D("2024-03-29")))).Should().Throw<CalendarRangeException>().WithMessage("*2024-02-01..2024-03-31*");
        c.CountWorkingDays(D("2024-02-01"), D("2024-03-31")).Should().Be(21 + 21 - 1, "Feb 1 itself is not counted");
    }
}
