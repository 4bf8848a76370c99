using NodaTime;
using Workflow.Engine.Calendar;
using Workflow.Testing;
using static Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace Workflow.Engine.Tests.Calendar;

/// <summary>Deadline clocks across real holiday boundaries, with suspensions inside and outside office hours.</summary>
public class DeadlineClockTests
{
    private static DeadlineClock Clock(string start, int days, params string[] suspensions) =>
        new(CnMainland, T(start), days, suspensions.Select(s => s.Split('/')).Select(p => new Suspension(T(p[0]), T(p[1]))));

    [Theory]
    // Spring Festival 2024 (02-10..02-17, make-up Sun 02-04 and Sun 02-18).
    [InlineData("2024-02-02T15:00+08:00", 2, "2024-02-05T17:30+08:00")] // Sun 02-04 worked
    [InlineData("2024-02-08T10:00+08:00", 3, "2024-02-19T17:30+08:00")] // 02-09, Sun 02-18, 02-19
    // National Day 2024 (10-01..10-07, make-up Sun 09-29 and Sat 10-12).
    [InlineData("2024-09-27T10:00+08:00", 3, "2024-10-08T17:30+08:00")] // Sun 09-29, 09-30, 10-08
    [InlineData("2024-10-08T10:00+08:00", 4, "2024-10-12T17:30+08:00")] // 10-09..10-11, Sat 10-12
    // Spring Festival 2025 (01-28..02-04, make-up Sun 01-26 and Sat 02-08).
    [InlineData("2025-01-24T10:00+08:00", 3, "2025-02-05T17:30+08:00")] // Sun 01-26, 01-27, 02-05
    [InlineData("2025-02-05T10:00+08:00", 3, "2025-02-08T17:30+08:00")] // 02-06, 02-07, Sat 02-08
    // National Day 2026 (10-01..10-07, make-up Sun 09-20 and Sat 10-10).
    [InlineData("2026-09-18T16:00+08:00", 1, "2026-09-20T17:30+08:00")]
    [InlineData("2026-09-30T10:00+08:00", 3, "2026-10-10T17:30+08:00")] // 10-08, 10-09, Sat 10-10
    // Spring Festival 2026 starting on the make-up Saturday itself: the start day is not counted.
    [InlineData("2026-02-14T09:00+08:00", 1, "2026-02-24T17:30+08:00")]
    // Starting on a holiday, at night, on a weekend.
    [InlineData("2025-10-03T23:59+08:00", 1, "2025-10-09T17:30+08:00")]
    [InlineData("2025-10-12T08:00+08:00", 1, "2025-10-13T17:30+08:00")]
    // Over the year boundary 2025 → 2026 (元旦 01-01..01-03, make-up Sun 01-04).
    [InlineData("2025-12-30T10:00+08:00", 5, "2026-01-07T17:30+08:00")] // 12-31, Sun 01-04, 01-05, 01-06, 01-07
    [InlineData("2025-12-31T17:00+08:00", 1, "2026-01-04T17:30+08:00")]
    public void Due_is_the_end_of_office_hours_of_the_Nth_working_day_after_the_start_day(string start, int days, string due) =>
        Shanghai(Clock(start, days).Due!.Value).Should().Be(due);

    [Theory]
    // Outside office hours (evening to next morning, lunch break): nothing moves.
    [InlineData("2025-09-29T18:00+08:00/2025-09-30T08:00+08:00", "2025-10-10T17:30+08:00")]
    [InlineData("2025-09-29T12:00+08:00/2025-09-29T13:30+08:00", "2025-10-10T17:30+08:00")]
    // Starts outside (07:00), ends inside (10:00): 1 h of 7 = 1/7 day → 10:00 on the make-up Saturday.
    [InlineData("2025-09-29T07:00+08:00/2025-09-29T10:00+08:00", "2025-10-11T10:00+08:00")]
    // Starts inside (16:30), ends outside (20:00): 1 h.
    [InlineData("2025-09-30T16:30+08:00/2025-09-30T20:00+08:00", "2025-10-11T10:00+08:00")]
    // Spans the whole National Day holiday: only 09-30 afternoon (4 h) and 10-09 morning (3 h) are held = 1 day.
    [InlineData("2025-09-30T12:00+08:00/2025-10-09T12:00+08:00", "2025-10-11T17:30+08:00")]
    // Entirely inside the holiday: nothing moves.
    [InlineData("2025-10-02T09:00+08:00/2025-10-05T17:00+08:00", "2025-10-10T17:30+08:00")]
    public void Suspensions_hold_only_office_time_of_working_days(string suspension, string due) =>
        Shanghai(Clock("2025-09-26T10:00+08:00", 5, suspension).Due!.Value).Should().Be(due);

    [Fact]
    public void A_suspension_across_the_year_boundary_adds_back_the_held_working_time()
    {
        // Held: 12-31 (1), Sun 01-04 make-up (1), 01-05 morning (3/7) = 2 3/7. Count: 01-05 afternoon 4/7, 01-06..01-09, 3/7 of Mon 01-12.
        var clock = Clock("2025-12-30T10:00+08:00", 5, "2025-12-31T09:00+08:00/2026-01-05T12:00+08:00");

        Shanghai(clock.Due!.Value).Should().Be("2026-01-12T12:00+08:00");
    }

    [Fact]
    public void Suspend_and_resume_move_the_due_instant_by_the_held_time()
    {
        var fake = FakeClock.At("2025-09-26T10:00:00+08:00");
        var clock = new DeadlineClock(CnMainland, fake.GetCurrentInstant(), 5);

        fake.Set(T("2025-09-29T13:30+08:00"));
        var suspended = clock.Suspend(fake.GetCurrentInstant(), "补正");
        suspended.IsSuspended.Should().BeTrue();
        suspended.Due.Should().BeNull("the due instant depends on when the clock resumes");
        suspended.Invoking(c => c.Suspend(fake.GetCurrentInstant())).Should().Throw<InvalidOperationException>();

        fake.Set(T("2025-09-30T10:00+08:00"));
        var status = suspended.StatusNow(fake);
        status.IsSuspended.Should().BeTrue();
        status.Elapsed.Value.Should().BeApproximately(1 + 3.0 / 7, 1e-12, "Sun 09-28 and 09-29 morning");
        Shanghai(status.Due).Should().Be("2025-10-11T15:30+08:00", "if resumed now: 4 h + 1 h held");

        fake.Set(T("2025-09-30T12:00+08:00"));
        var resumed = suspended.Resume(fake.GetCurrentInstant());
        Shanghai(resumed.Due!.Value).Should().Be("2025-10-11T17:30+08:00", "worked example 2");
        resumed.Suspensions.Single().Reason.Should().Be("补正");
    }

    [Fact]
    public void Elapsed_remaining_and_levels_follow_the_clock()
    {
        var fake = FakeClock.At("2025-09-26T10:00:00+08:00");
        var clock = new DeadlineClock(CnMainland, fake.GetCurrentInstant(), 5);

        clock.StatusNow(fake).Should().Match<DeadlineStatus>(s => s.Elapsed.Value == 0 && s.Level == DeadlineLevel.Normal);

        fake.Set(T("2025-10-09T12:00+08:00")); // 3 days + 3/7
        var s1 = clock.StatusNow(fake);
        s1.Remaining.Value.Should().BeApproximately(5 - 3 - 3.0 / 7, 1e-12);
        s1.Level.Should().Be(DeadlineLevel.Normal);
        s1.Remaining.ToRemainingText().Should().Be("还剩 1.6 个工作日");

        fake.Set(T("2025-10-10T10:00+08:00")); // 4 + 1/7: remaining 0.857 ≤ 1
        clock.StatusNow(fake).Level.Should().Be(DeadlineLevel.Warning);

        fake.Set(T("2025-10-10T17:30+08:00")); // exactly due: remaining 0 is not overdue
        clock.StatusNow(fake).Should().Match<DeadlineStatus>(s => s.Remaining.Value == 0 && s.Level == DeadlineLevel.Warning);

        fake.Set(T("2025-10-11T17:30+08:00")); // the make-up Saturday counts against the applicant's wait too
        var late = clock.StatusNow(fake);
        late.Level.Should().Be(DeadlineLevel.Overdue);
        late.Remaining.ToRemainingText().Should().Be("超期 1.0 个工作日");
    }

    [Fact]
    public void Warning_thresholds_are_configurable_and_the_elapsed_share_also_warns()
    {
        var fake = FakeClock.At("2025-03-03T09:00:00+08:00");
        var clock = new DeadlineClock(CnMainland, fake.GetCurrentInstant(), 20, null, new DeadlineWarningPolicy(0.5, 0.75));

        fake.Set(T("2025-03-24T17:30+08:00")); // 15 of 20 used, 5 remaining
        clock.StatusNow(fake).Level.Should().Be(DeadlineLevel.Warning, "75 % is used");
        fake.Set(T("2025-03-21T17:30+08:00")); // 14 used
        clock.StatusNow(fake).Level.Should().Be(DeadlineLevel.Normal);
        new DeadlineClock(CnMainland, T("2025-03-03T09:00+08:00"), 20).LevelAt(T("2025-03-21T17:30+08:00"))
            .Should().Be(DeadlineLevel.Normal, "14/20 = 70 % < 80 %");
        new DeadlineClock(CnMainland, T("2025-03-03T09:00+08:00"), 20).LevelAt(T("2025-03-25T17:30+08:00"))
            .Should().Be(DeadlineLevel.Warning, "16/20 = 80 %");
    }

    [Fact]
    public void Statutory_and_promised_clocks_suspend_and_resume_together()
    {
        var clocks = DeadlineClocks.Start(CnMainland, T("2025-09-26T10:00+08:00"), statutoryDays: 20, promisedDays: 5);
        var resumed = clocks.Suspend(T("2025-09-29T13:30+08:00"), "补正").Resume(T("2025-09-30T12:00+08:00"));

        Shanghai(resumed.Promised!.Due!.Value).Should().Be("2025-10-11T17:30+08:00");
        resumed.Statutory.Suspensions.Should().HaveCount(1);
        resumed.WorstLevelAt(T("2025-10-13T09:00+08:00")).Should().Be(DeadlineLevel.Warning, "remaining is exactly 0 before Monday's office opens");
        resumed.WorstLevelAt(T("2025-10-13T10:00+08:00")).Should().Be(DeadlineLevel.Overdue, "the promised limit is past");
        resumed.Statutory.LevelAt(T("2025-10-13T10:00+08:00")).Should().Be(DeadlineLevel.Normal);
    }

    [Fact]
    public void Bad_arguments_throw_with_the_value()
    {
        ((Action)(() => new DeadlineClock(CnMainland, T("2025-09-26T10:00+08:00"), 0))).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*0*");
        ((Action)(() => new DeadlineClock(CnMainland, T("2019-12-01T10:00+08:00"), 3))).Should().Throw<CalendarRangeException>().WithMessage("*2019-12-01*");
        ((Action)(() => new DeadlineClock(CnMainland, T("2030-12-20T10:00+08:00"), 30))).Should().Throw<CalendarRangeException>().WithMessage("*2020-01-01..2030-12-31*");
        ((Action)(() => new Suspension(T("2025-09-29T10:00+08:00"), T("2025-09-29T09:00+08:00")))).Should().Throw<ArgumentException>();
    }
}
