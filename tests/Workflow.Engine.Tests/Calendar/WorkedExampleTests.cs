using Workflow.Engine.Calendar;
using static Workflow.Engine.Tests.Calendar.CalendarTestData;

namespace Workflow.Engine.Tests.Calendar;

/// <summary>The seven worked examples of docs/calendars.md, through the library.</summary>
public class WorkedExampleTests
{
    public static TheoryData<int, string, int, string[], string> Examples => new()
    {
        { 1, "2025-09-26T10:00+08:00", 5, [], "2025-10-10T17:30+08:00" },
        { 2, "2025-09-26T10:00+08:00", 5, ["2025-09-29T13:30+08:00/2025-09-30T12:00+08:00"], "2025-10-11T17:30+08:00" },
        { 3, "2025-09-26T10:00+08:00", 5, ["2025-09-29T09:00+08:00/2025-09-29T12:00+08:00"], "2025-10-11T12:00+08:00" },
        { 4, "2025-09-26T10:00+08:00", 5, ["2025-09-26T11:00+08:00/2025-09-26T15:00+08:00"], "2025-10-10T17:30+08:00" },
        { 5, "2025-09-26T10:00+08:00", 5, ["2025-09-29T09:00+08:00/2025-09-29T17:30+08:00", "2025-09-29T13:30+08:00/2025-09-30T12:00+08:00"], "2025-10-13T12:00+08:00" },
        { 6, "2026-02-13T16:00+08:00", 3, [], "2026-02-25T17:30+08:00" },
        { 7, "2024-12-31T09:30+08:00", 3, [], "2025-01-06T17:30+08:00" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Due_matches_the_contract_table(int example, string start, int days, string[] suspensions, string due)
    {
        var clock = new DeadlineClock(CnMainland, T(start), days,
            suspensions.Select(s => s.Split('/')).Select(p => new Suspension(T(p[0]), T(p[1]))));

        Shanghai(clock.Due!.Value).Should().Be(due, $"worked example {example}");
        clock.IsProvisional.Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Elapsed_reaches_the_limit_exactly_at_the_due_instant_and_not_before(int example, string start, int days, string[] suspensions, string due)
    {
        var clock = new DeadlineClock(CnMainland, T(start), days,
            suspensions.Select(s => s.Split('/')).Select(p => new Suspension(T(p[0]), T(p[1]))));

        clock.ElapsedAt(T(due)).Value.Should().BeApproximately(days, 1e-12, $"example {example}");
        clock.RemainingAt(T(due).Minus(NodaTime.Duration.FromMinutes(1))).Value.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Example_1_counts_the_Sunday_make_up_day_and_skips_National_Day()
    {
        var clock = new DeadlineClock(CnMainland, T("2025-09-26T10:00+08:00"), 5);

        clock.Explain().Should().Contain("09-28 (make-up day), 09-29, 09-30, 10-09, 10-10");
    }
}
