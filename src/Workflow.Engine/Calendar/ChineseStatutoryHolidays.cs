using System.Globalization;
using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// The provisional extension of a mainland-China calendar beyond its announced years (docs/calendars.md, Provisional extension), from the
/// statutory rules of 全国年节及纪念日放假办法 as amended in 2024: 元旦 1 day (Jan 1), 春节 4 days from New
/// Year's Eve (除夕), 清明节 1 day (the solar term), 劳动节 May 1–2, 端午节 1 day (5th lunar month, 5th day),
/// 中秋节 1 day (8th lunar month, 15th day), 国庆节 Oct 1–3. A statutory day that falls on a weekly rest day
/// gives the next working day off (补休), named after the same holiday; so does 中秋 when it falls on Oct 1–3
/// (the day stays 国庆节, 中秋节 gets the next free working day after the block). No make-up working days are generated:
/// the State Council's swaps cannot be predicted.
/// </summary>
/// <remarks>
/// Lunar dates come from .NET's <see cref="ChineseLunisolarCalendar"/> (valid to 2100). 清明 uses the
/// well-known 寿星 formula for the 21st century, day = ⌊Y × 0.2422 + 4.81⌋ − ⌊Y / 4⌋ in April (Y = year − 2000),
/// which is checked against the announced 清明 dates of 2020–2026 and the published solar-term dates of
/// 2027–2030 (the years a calendar extends provisionally); it is not guaranteed for every year of the century.
/// </remarks>
public static class ChineseStatutoryHolidays
{
    /// <summary>The rule set's name as written in calendar JSON (<c>"rules": "cn-statutory-2024"</c>).</summary>
    public const string RuleSetName = "cn-statutory-2024";

    private static readonly ChineseLunisolarCalendar Lunar = new();

    /// <summary>The holidays of each year from <paramref name="firstYear"/> to <paramref name="lastYear"/>, including substitute days.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A year outside 2001–2099.</exception>
    public static IReadOnlyList<Holiday> Generate(int firstYear, int lastYear, IReadOnlySet<IsoDayOfWeek> restDays)
    {
        var result = new List<Holiday>();
        for (var year = firstYear; year <= lastYear; year++)
            result.AddRange(ForYear(year, restDays));
        return result;
    }

    /// <summary>The holidays of one year, in date order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A year outside 2001–2099.</exception>
    public static IReadOnlyList<Holiday> ForYear(int year, IReadOnlySet<IsoDayOfWeek> restDays)
    {
        if (year is < 2001 or > 2099)
            throw new ArgumentOutOfRangeException(nameof(year), year, "Statutory holidays are computed for 2001–2099 only.");
        var newYearsEve = LunarDate(year, 1, 1).PlusDays(-1);
        var statutory = new List<(string Name, LocalDate[] Days)>
        {
            ("元旦", [new LocalDate(year, 1, 1)]),
            ("春节", Enumerable.Range(0, 4).Select(newYearsEve.PlusDays).ToArray()),
            ("清明节", [Qingming(year)]),
            ("劳动节", [new LocalDate(year, 5, 1), new LocalDate(year, 5, 2)]),
            ("端午节", [LunarDate(year, 5, 5)]),
            // 国庆 before 中秋: when 中秋 falls on Oct 1–3 the day stays 国庆 and 中秋 gets a substitute.
            ("国庆节", [new LocalDate(year, 10, 1), new LocalDate(year, 10, 2), new LocalDate(year, 10, 3)]),
            ("中秋节", [LunarDate(year, 8, 15)]),
        };
        var off = new Dictionary<LocalDate, string>();
        foreach (var (name, days) in statutory)
            foreach (var d in days)
                off.TryAdd(d, name);
        // Substitutes after every statutory day is placed, so a substitute never lands on another holiday. A statutory
        // day lost to a weekend, or to another holiday on the same day, gives the next free working day off.
        foreach (var (name, days) in statutory.OrderBy(s => s.Days[0]))
        {
            foreach (var d in days.Where(d => restDays.Contains(d.DayOfWeek) || off[d] != name))
            {
                var sub = days[^1].PlusDays(1);
                while (restDays.Contains(sub.DayOfWeek) || off.ContainsKey(sub))
                    sub = sub.PlusDays(1);
                off[sub] = name;
            }
        }
        return off.Where(kv => kv.Key.Year == year)
            .Select(kv => new Holiday(kv.Key, kv.Value)).OrderBy(h => h.Date).ToArray();
    }

    /// <summary>清明 (Pure Brightness) solar term in April of <paramref name="year"/> (2001–2099).</summary>
    public static LocalDate Qingming(int year)
    {
        var y = year - 2000;
        var day = (int)Math.Floor(y * 0.2422 + 4.81) - y / 4;
        return new LocalDate(year, 4, day);
    }

    /// <summary>The Gregorian date of lunar <paramref name="month"/>/<paramref name="day"/> (not a leap month) in the lunar year starting in <paramref name="year"/>.</summary>
    public static LocalDate LunarDate(int year, int month, int day)
    {
        var leap = Lunar.GetLeapMonth(year); // 0, or the index of the leap month (which follows month leap-1)
        var index = leap != 0 && leap <= month ? month + 1 : month;
        return LocalDate.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }
}
