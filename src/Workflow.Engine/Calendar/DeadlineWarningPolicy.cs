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

    /// <summary>The level for a clock with <paramref name="limit"/>, <paramref name="elapsed"/> and <paramref name="remaining"/> working days.</summary>
    public DeadlineLevel LevelFor(int limit, double elapsed, double remaining) =>
        remaining < 0 ? DeadlineLevel.Overdue
        : remaining <= RemainingWorkingDays || elapsed >= ElapsedShare * limit ? DeadlineLevel.Warning
        : DeadlineLevel.Normal;
}
