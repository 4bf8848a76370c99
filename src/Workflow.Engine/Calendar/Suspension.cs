using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// An interval during which a deadline clock stands still (补正 supplement, 特别程序 special procedure), half-open:
/// [<see cref="Start"/>, <see cref="End"/>). An open suspension (End null) holds the clock until it is resumed.
/// Only office time on working days after the start day is affected; a suspension on the start day or outside
/// office hours moves nothing. Overlapping suspensions count once.
/// </summary>
public sealed record Suspension
{
    /// <exception cref="ArgumentException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public Suspension(Instant start, Instant? end, string? reason = null)
    {
        if (end < start)
            throw new ArgumentException($"Suspension end {end} is before its start {start}.", nameof(end));
        Start = start;
        End = end;
        Reason = reason;
    }

    /// <summary>When the clock stopped (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>When the clock restarted (exclusive); null while still suspended.</summary>
    public Instant? End { get; }

    /// <summary>Why (e.g. "补正", "专家评审"); free text for explanations and audit.</summary>
    public string? Reason { get; }

    /// <summary>True while not resumed.</summary>
    public bool IsOpen => End is null;

    /// <summary>The same suspension closed at <paramref name="end"/>.</summary>
    /// <exception cref="InvalidOperationException">Already closed.</exception>
    /// <exception cref="ArgumentException"><paramref name="end"/> is before the start.</exception>
    public Suspension Close(Instant end) =>
        IsOpen ? new Suspension(Start, end, Reason) : throw new InvalidOperationException($"The suspension started at {Start} is already closed.");
}
