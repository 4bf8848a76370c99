using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// Working time measured in working days as units (docs/calendars.md, The deadline rule): each working day contributes
/// (office time covered) ÷ (that day's office time). Whole days in between come from the calendar's O(1) index;
/// only the first and last day are looked at hour by hour.
/// </summary>
internal static class WorkingDayFractions
{
    /// <summary>Working days in [<paramref name="from"/>, <paramref name="to"/>); zero when to ≤ from.</summary>
    public static Fraction Between(WorkingCalendar calendar, Instant from, Instant to)
    {
        if (to <= from)
            return Fraction.Zero;
        var a = from.InZone(calendar.Zone).LocalDateTime;
        var b = to.InZone(calendar.Zone).LocalDateTime;
        if (a.Date == b.Date)
            return DayFraction(calendar, a.Date, a.TimeOfDay, b.TimeOfDay);
        var whole = calendar.CountWorkingDays(a.Date, b.Date.PlusDays(-1));
        return DayFraction(calendar, a.Date, a.TimeOfDay, null) + Fraction.Whole(whole) + DayFraction(calendar, b.Date, LocalTime.Midnight, b.TimeOfDay);
    }

    /// <summary>The earliest instant x ≥ <paramref name="from"/> with Between(from, x) = <paramref name="days"/> (days &gt; 0).</summary>
    public static Instant Advance(WorkingCalendar calendar, Instant from, Fraction days)
    {
        var start = from.InZone(calendar.Zone).LocalDateTime;
        var date = start.Date;
        var rest = DayFraction(calendar, date, start.TimeOfDay, null);
        if (days <= rest)
            return FindInDay(calendar, date, start.TimeOfDay, days);
        days -= rest;
        var whole = days.Floor;
        var part = days - Fraction.Whole((long)whole);
        if (part.IsZero)
            return calendar.CloseOfOffice(calendar.AddWorkingDays(date, (int)whole));
        return FindInDay(calendar, calendar.AddWorkingDays(date, (int)whole + 1), LocalTime.Midnight, part);
    }

    /// <summary>The instant on <paramref name="date"/> at which office time since <paramref name="from"/> reaches
    /// <paramref name="part"/> of the day's office time; the end of a period when it is reached exactly there.</summary>
    private static Instant FindInDay(WorkingCalendar calendar, LocalDate date, LocalTime from, Fraction part)
    {
        var hours = calendar.OfficeHoursOn(date);
        var target = (part * hours.Total.ToInt64Nanoseconds()).Ceiling;
        foreach (var p in hours.Periods)
        {
            var a = p.Start > from ? p.Start : from;
            if (a >= p.End)
                continue;
            long length = p.End.NanosecondOfDay - a.NanosecondOfDay;
            if (target <= length)
                return calendar.At(date, LocalTime.FromNanosecondsSinceMidnight(a.NanosecondOfDay + (long)target));
            target -= length;
        }
        // Rounding up to a nanosecond can overshoot the last period by less than a nanosecond.
        return calendar.At(date, hours.Close);
    }

    /// <summary>Share of the day's office time in [from, to) (to null = end of day); zero on a day not worked.</summary>
    private static Fraction DayFraction(WorkingCalendar calendar, LocalDate date, LocalTime from, LocalTime? to)
    {
        var hours = calendar.OfficeHoursOn(date);
        if (hours.Total == Duration.Zero)
            return Fraction.Zero;
        var covered = to is { } t ? hours.Between(from, t) : hours.Between(from, LocalTime.MaxValue);
        return new Fraction(covered.ToInt64Nanoseconds(), hours.Total.ToInt64Nanoseconds());
    }
}
