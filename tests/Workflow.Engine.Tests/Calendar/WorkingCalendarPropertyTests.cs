using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using Workflow.Engine.Calendar;

namespace Workflow.Engine.Tests.Calendar;

/// <summary>
/// The O(1) index against a naive day-by-day reference, over random calendars (random rest days, holidays,
/// make-up days and ranges) and random questions: equal everywhere, errors included.
/// </summary>
public class WorkingCalendarPropertyTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>A random calendar from a seed, plus the reference set of working days.</summary>
    private static (WorkingCalendar Calendar, Func<LocalDate, bool> IsWorking, Random Random) RandomCalendar(int seed)
    {
        var random = new Random(seed);
        var start = new LocalDate(2000, 1, 1).PlusDays(random.Next(0, 20000));
        var end = start.PlusDays(random.Next(0, 900));
        var rest = Enumerable.Range(1, 7).Select(i => (IsoDayOfWeek)i).Where(_ => random.NextDouble() < 0.3).ToHashSet();
        if (rest.Count == 7)
            rest.Remove(IsoDayOfWeek.Wednesday);
        var holidays = new HashSet<LocalDate>();
        var makeUps = new HashSet<LocalDate>();
        for (var d = start; d <= end; d = d.PlusDays(1))
        {
            var roll = random.NextDouble();
            if (rest.Contains(d.DayOfWeek) && roll < 0.15)
                makeUps.Add(d);
            else if (roll < 0.08)
                holidays.Add(d);
        }
        var calendar = new WorkingCalendar("random", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), Shanghai, rest,
            Enumerable.Range(1, 7).ToDictionary(i => (IsoDayOfWeek)i, i => rest.Contains((IsoDayOfWeek)i) ? OfficeHours.None : OfficeHours.Standard),
            rest.Contains(IsoDayOfWeek.Monday) ? OfficeHours.Standard : null, holidays.Select(d => new Holiday(d, "H")), makeUps.Select(d => new MakeUpWorkingDay(d, "")), new DateRange(start, end));
        bool IsWorking(LocalDate d) => makeUps.Contains(d) || (!rest.Contains(d.DayOfWeek) && !holidays.Contains(d));
        return (calendar, IsWorking, random);
    }

    private static LocalDate? NaiveAdd(WorkingCalendar c, Func<LocalDate, bool> isWorking, LocalDate date, int n)
    {
        var d = date;
        for (var k = 0; k < n;)
        {
            d = d.PlusDays(1);
            if (d > c.Covered.End)
                return null;
            if (isWorking(d))
                k++;
        }
        return d;
    }

    private static int NaiveCount(Func<LocalDate, bool> isWorking, LocalDate from, LocalDate to)
    {
        var sign = 1;
        if (to < from)
            (from, to, sign) = (to, from, -1);
        var n = 0;
        for (var d = from.PlusDays(1); d <= to; d = d.PlusDays(1))
            if (isWorking(d))
                n++;
        return sign * n;
    }

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Fact]
    public void Is_working_day_equals_the_reference()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var (c, isWorking, _) = RandomCalendar(seed);
            for (var d = c.Covered.Start; d <= c.Covered.End; d = d.PlusDays(1))
                if (c.IsWorkingDay(d) != isWorking(d))
                    return false;
            return true;
        }));
    }

    [Fact]
    public void Add_working_days_equals_the_reference_including_running_off_the_range()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var (c, isWorking, random) = RandomCalendar(seed);
            for (var q = 0; q < 40; q++)
            {
                var date = c.Covered.Start.PlusDays(random.Next(c.Covered.Length));
                var n = random.Next(0, 300);
                var expected = NaiveAdd(c, isWorking, date, n);
                LocalDate? actual;
                try
                {
                    actual = c.AddWorkingDays(date, n);
                }
                catch (CalendarRangeException)
                {
                    actual = null;
                }
                if (actual != expected)
                    return false;
            }
            return true;
        }));
    }

    [Fact]
    public void Count_working_days_equals_the_reference_and_inverts_add()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var (c, isWorking, random) = RandomCalendar(seed);
            for (var q = 0; q < 40; q++)
            {
                var a = c.Covered.Start.PlusDays(random.Next(c.Covered.Length));
                var b = c.Covered.Start.PlusDays(random.Next(c.Covered.Length));
                if (c.CountWorkingDays(a, b) != NaiveCount(isWorking, a, b))
                    return false;
                var n = random.Next(1, 50);
                var added = NaiveAdd(c, isWorking, a, n);
                if (added is { } x && c.CountWorkingDays(a, x) != n)
                    return false;
            }
            return true;
        }));
    }

    [Fact]
    public void Next_working_day_equals_the_reference()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var (c, isWorking, random) = RandomCalendar(seed);
            for (var q = 0; q < 40; q++)
            {
                var date = c.Covered.Start.PlusDays(random.Next(c.Covered.Length));
                var expected = NaiveAdd(c, isWorking, date, 1);
                var actual = c.Covers(date.PlusDays(1)) || expected is not null ? Try(() => c.NextWorkingDay(date)) : null;
                if (actual != expected)
                    return false;
            }
            return true;
        }));
    }

    [Fact]
    public void Deadline_due_is_the_first_instant_where_elapsed_reaches_the_limit_with_random_suspensions()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var c = CalendarTestData.CnMainland;
            var start = c.At(new LocalDate(2020, 1, 1).PlusDays(random.Next(0, 2400)), LocalTime.FromMinutesSinceMidnight(random.Next(0, 1440)));
            var n = random.Next(1, 40);
            var suspensions = Enumerable.Range(0, random.Next(0, 4)).Select(_ =>
            {
                var s = start.Plus(Duration.FromMinutes(random.Next(-2000, 40000)));
                return new Suspension(s, s.Plus(Duration.FromMinutes(random.Next(0, 8000))));
            }).ToArray();
            var clock = new DeadlineClock(c, start, n, suspensions);
            var due = clock.Due!.Value;
            // Elapsed is computed by a different path (subtracting suspended time) than the due walk.
            return Math.Abs(clock.ElapsedAt(due).Value - n) < 1e-9
                   && clock.ElapsedAt(due.Minus(Duration.FromMinutes(1))).Value < n
                   && c.IsWorkingDay(due.InZone(c.Zone).Date);
        }));
    }

    [Fact]
    public void Deadline_due_equals_a_minute_by_minute_reference_with_random_suspensions()
    {
        Check.QuickThrowOnFailure(Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var c = CalendarTestData.CnMainland; // every working day has 7 h, so N days = 420 N unsuspended office minutes
            var start = c.At(new LocalDate(2020, 1, 1).PlusDays(random.Next(0, 2500)), LocalTime.FromMinutesSinceMidnight(random.Next(0, 1440)));
            var n = random.Next(1, 15);
            var suspensions = Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
            {
                var s = start.Plus(Duration.FromMinutes(random.Next(-3000, 20000)));
                return new Suspension(s, s.Plus(Duration.FromMinutes(random.Next(0, 6000))));
            }).ToArray();

            var needed = 420 * n;
            Instant? expected = null;
            for (var d = start.InZone(c.Zone).Date.PlusDays(1); expected is null; d = d.PlusDays(1))
                foreach (var period in c.OfficeHoursOn(d).Periods)
                    for (var t = c.At(d, period.Start); t < c.At(d, period.End) && expected is null; t = t.Plus(Duration.FromMinutes(1)))
                        if (!suspensions.Any(s => s.Start <= t && t < s.End) && --needed == 0)
                            expected = t.Plus(Duration.FromMinutes(1));

            return new DeadlineClock(c, start, n, suspensions).Due == expected;
        }));
    }

    private static LocalDate? Try(Func<LocalDate> f)
    {
        try
        {
            return f();
        }
        catch (CalendarRangeException)
        {
            return null;
        }
    }
}
