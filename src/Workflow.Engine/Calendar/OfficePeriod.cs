using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// One stretch of office hours within a day, half-open: [<see cref="Start"/>, <see cref="End"/>). The end is the
/// instant the office closes; a deadline "at the end of office hours" is that instant.
/// </summary>
public sealed record OfficePeriod
{
    /// <exception cref="ArgumentException">End is not after start.</exception>
    public OfficePeriod(LocalTime start, LocalTime end)
    {
        if (end <= start)
            throw new ArgumentException($"Office period end {end:HH:mm} is not after its start {start:HH:mm}.", nameof(end));
        Start = start;
        End = end;
    }

    /// <summary>The local time the office opens (included).</summary>
    public LocalTime Start { get; }
    /// <summary>The local time the office closes (excluded: the period's last instant is just before it).</summary>
    public LocalTime End { get; }

    /// <summary>Length of the period.</summary>
    public Duration Length => Duration.FromNanoseconds(End.NanosecondOfDay - Start.NanosecondOfDay);

    /// <summary>Parses <c>HH:mm-HH:mm</c>.</summary>
    /// <exception cref="FormatException">Not in that shape, or end not after start.</exception>
    public static OfficePeriod Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        var pattern = NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm");
        if (parts.Length != 2)
            throw new FormatException($"Office period '{text}' is not HH:mm-HH:mm.");
        var start = pattern.Parse(parts[0]);
        var end = pattern.Parse(parts[1]);
        if (!start.Success || !end.Success)
            throw new FormatException($"Office period '{text}' is not HH:mm-HH:mm.");
        if (end.Value <= start.Value)
            throw new FormatException($"Office period '{text}' ends before it starts.");
        return new OfficePeriod(start.Value, end.Value);
    }

    /// <summary>Formats as <c>HH:mm-HH:mm</c>.</summary>
    public override string ToString() => $"{Start:HH:mm}-{End:HH:mm}";
}
