using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// The office hours of one working day: ordered, non-overlapping <see cref="OfficePeriod"/>s, e.g.
/// 09:00–12:00 and 13:30–17:30 (7 h). Immutable.
/// </summary>
public sealed class OfficeHours : IEquatable<OfficeHours>
{
    /// <summary>No office hours (a day that is not worked).</summary>
    public static OfficeHours None { get; } = new([]);

    /// <summary>09:00–12:00 and 13:30–17:30, the sample jurisdiction's hours.</summary>
    public static OfficeHours Standard { get; } = new([OfficePeriod.Parse("09:00-12:00"), OfficePeriod.Parse("13:30-17:30")]);

    /// <exception cref="ArgumentException">Periods overlap or are out of order.</exception>
    public OfficeHours(IEnumerable<OfficePeriod> periods)
    {
        Periods = periods.ToArray();
        for (var i = 1; i < Periods.Count; i++)
            if (Periods[i].Start < Periods[i - 1].End)
                throw new ArgumentException($"Office periods {Periods[i - 1]} and {Periods[i]} overlap or are out of order.", nameof(periods));
        Total = Periods.Aggregate(Duration.Zero, (sum, p) => sum + p.Length);
    }

    /// <summary>The periods in time order.</summary>
    public IReadOnlyList<OfficePeriod> Periods { get; }

    /// <summary>Sum of the periods' lengths; zero for <see cref="None"/>.</summary>
    public Duration Total { get; }

    /// <summary>Time the office closes (end of the last period).</summary>
    /// <exception cref="InvalidOperationException">There are no periods.</exception>
    public LocalTime Close => Periods.Count > 0 ? Periods[^1].End : throw new InvalidOperationException("No office hours.");

    /// <summary>Office time between two times of the same day, [<paramref name="from"/>, <paramref name="to"/>); zero when to ≤ from.</summary>
    public Duration Between(LocalTime from, LocalTime to)
    {
        var sum = Duration.Zero;
        foreach (var p in Periods)
        {
            var a = p.Start > from ? p.Start : from;
            var b = p.End < to ? p.End : to;
            if (b > a)
                sum += Duration.FromNanoseconds(b.NanosecondOfDay - a.NanosecondOfDay);
        }
        return sum;
    }

    /// <summary>Equal when both have the same periods in the same order.</summary>
    public bool Equals(OfficeHours? other) => other is not null && Periods.SequenceEqual(other.Periods);
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as OfficeHours);
    /// <inheritdoc />
    public override int GetHashCode() => Periods.Aggregate(0, (h, p) => HashCode.Combine(h, p));

    /// <summary>Formats as <c>09:00-12:00, 13:30-17:30</c>.</summary>
    public override string ToString() => string.Join(", ", Periods);
}
