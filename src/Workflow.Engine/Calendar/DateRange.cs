using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// A closed range of calendar days: both <see cref="Start"/> and <see cref="End"/> belong to it.
/// </summary>
public sealed record DateRange
{
    /// <summary>Creates the range [<paramref name="start"/>, <paramref name="end"/>], both inclusive.</summary>
    /// <exception cref="ArgumentException">End is before start.</exception>
    public DateRange(LocalDate start, LocalDate end)
    {
        if (end < start)
            throw new ArgumentException($"Date range end {end:yyyy-MM-dd} is before its start {start:yyyy-MM-dd}.", nameof(end));
        Start = start;
        End = end;
    }

    /// <summary>First day of the range (inclusive).</summary>
    public LocalDate Start { get; }

    /// <summary>Last day of the range (inclusive).</summary>
    public LocalDate End { get; }

    /// <summary>Number of days in the range (at least 1).</summary>
    public int Length => Period.DaysBetween(Start, End) + 1;

    /// <summary>True when <paramref name="date"/> lies in the range, ends included.</summary>
    public bool Contains(LocalDate date) => date >= Start && date <= End;

    /// <summary>The whole Gregorian years from <paramref name="firstYear"/> to <paramref name="lastYear"/>.</summary>
    public static DateRange Years(int firstYear, int lastYear) => new(new LocalDate(firstYear, 1, 1), new LocalDate(lastYear, 12, 31));

    /// <summary>Formats as <c>YYYY-MM-DD..YYYY-MM-DD</c>.</summary>
    public override string ToString() => $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}
