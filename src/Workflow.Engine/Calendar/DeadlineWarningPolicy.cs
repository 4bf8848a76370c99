namespace Workflow.Engine.Calendar;

/// <summary>
/// When a clock turns <see cref="DeadlineLevel.Warning"/>: remaining ≤ <see cref="RemainingWorkingDays"/>
/// or elapsed ≥ <see cref="ElapsedShare"/> × limit. Overdue (remaining &lt; 0) is not configurable.
/// </summary>
public sealed record DeadlineWarningPolicy
{
    /// <summary>≤ 1 working day remaining or ≥ 80 % used (docs/calendars.md, The deadline rule).</summary>
    public static DeadlineWarningPolicy Default { get; } = new(1.0, 0.8);

    /// <exception cref="ArgumentOutOfRangeException">A negative threshold, or a share outside (0, 1].</exception>
    public DeadlineWarningPolicy(double remainingWorkingDays, double elapsedShare)
    {
        if (remainingWorkingDays < 0 || double.IsNaN(remainingWorkingDays))
            throw new ArgumentOutOfRangeException(nameof(remainingWorkingDays), remainingWorkingDays, "The warning threshold must be 0 or more working days.");
        if (elapsedShare is <= 0 or > 1 || double.IsNaN(elapsedShare))
            throw new ArgumentOutOfRangeException(nameof(elapsedShare), elapsedShare, "The warning share must be in (0, 1].");
        RemainingWorkingDays = remainingWorkingDays;
        ElapsedShare = elapsedShare;
    }

    /// <summary>Warn when at most this many working days remain.</summary>
    public double RemainingWorkingDays { get; }

    /// <summary>Warn when at least this share of the limit is used.</summary>
    public double ElapsedShare { get; }

    /// <summary>
    /// The used working days from which a clock with <paramref name="limit"/> is in warning: min(limit − remaining
    /// threshold, share × limit), never below 0; thousandths of a day are exact enough for office hours.
    /// </summary>
    internal Fraction WarningElapsed(int limit)
    {
        var days = Math.Max(0, Math.Min(limit - RemainingWorkingDays, ElapsedShare * limit));
        return new Fraction(new System.Numerics.BigInteger(Math.Round(days * 1000, MidpointRounding.AwayFromZero)), 1000);
    }

    /// <summary>
    /// The level for a clock with <paramref name="limit"/> and exactly <paramref name="elapsed"/> working days used:
    /// Overdue past the limit, Warning from <see cref="WarningElapsed"/> (the instant <see cref="DeadlineClock.WarningFrom"/> gives).
    /// </summary>
    internal DeadlineLevel LevelFor(int limit, Fraction elapsed) =>
        elapsed > Fraction.Whole(limit) ? DeadlineLevel.Overdue
        : elapsed >= WarningElapsed(limit) ? DeadlineLevel.Warning
        : DeadlineLevel.Normal;

    /// <summary>The level for a clock with <paramref name="limit"/>, <paramref name="elapsed"/> and <paramref name="remaining"/> working days.</summary>
    public DeadlineLevel LevelFor(int limit, double elapsed, double remaining) =>
        remaining < 0 ? DeadlineLevel.Overdue
        : remaining <= RemainingWorkingDays || elapsed >= ElapsedShare * limit ? DeadlineLevel.Warning
        : DeadlineLevel.Normal;
}
