using NodaTime;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Cases;

/// <summary>
/// When a step's clocks reach each level, stored on its projection row so that the supervisor's counts and attention
/// list compare instants in SQL instead of reading every clock (docs/supervision.md, "Counting at scale"). At any
/// instant <c>t</c> after the save, the level of the clocks is Overdue when <see cref="OverdueAt"/> ≤ t, else Warning when
/// <see cref="WarningAt"/> ≤ t, else Normal — exactly what <see cref="ClocksReadingLevel"/> reads from the clocks.
/// </summary>
/// <param name="WarningAt">From when the level is at least Warning; null: never while the row stands.</param>
/// <param name="OverdueAt">From when the level is Overdue; null: never while the row stands. Never before <paramref name="WarningAt"/>.</param>
public readonly record struct LevelInstants(Instant? WarningAt, Instant? OverdueAt)
{
    /// <summary>No level above Normal (no clocks, or clocks past the calendar's range).</summary>
    public static LevelInstants None => default;

    /// <summary>
    /// The instants of <paramref name="clocks"/>: the earlier of the two clocks' for each level, since the level shown is
    /// the more severe of the two. A running clock turns Warning at <see cref="DeadlineClock.WarningFrom"/> and Overdue at
    /// <see cref="DeadlineClock.OverdueFrom"/>. A clock that stands still keeps the level it had when it stopped, until a
    /// save resumes it: that level holds from the suspension's start on, and the higher ones never.
    /// </summary>
    public static LevelInstants Of(DeadlineClocks? clocks) =>
        clocks is null ? None : Earlier(Of(clocks.Statutory), clocks.Promised is { } promised ? Of(promised) : None);

    /// <summary>The instants of one clock (see <see cref="Of(DeadlineClocks?)"/>).</summary>
    public static LevelInstants Of(DeadlineClock clock)
    {
        try
        {
            if (clock.Suspensions.FirstOrDefault(s => s.IsOpen) is { } open)
            {
                var frozen = clock.LevelAt(open.Start);
                return new LevelInstants(frozen >= DeadlineLevel.Warning ? open.Start : null, frozen == DeadlineLevel.Overdue ? open.Start : null);
            }
            var warning = clock.WarningFrom;
            Instant? overdue;
            try
            {
                overdue = clock.OverdueFrom;
            }
            catch (CalendarRangeException)
            {
                overdue = null; // the next working day is not in the calendar yet: not overdue until it is imported
            }
            return new LevelInstants(warning, overdue);
        }
        catch (CalendarRangeException)
        {
            return None; // read as unknown, like the clocks' reading (ClocksReading.Of)
        }
    }

    /// <summary>The level at <paramref name="at"/>: what a reading of the clocks gives at that instant.</summary>
    public DeadlineLevel ClocksReadingLevel(Instant at) =>
        OverdueAt <= at ? DeadlineLevel.Overdue : WarningAt <= at ? DeadlineLevel.Warning : DeadlineLevel.Normal;

    private static LevelInstants Earlier(LevelInstants a, LevelInstants b) => new(Min(a.WarningAt, b.WarningAt), Min(a.OverdueAt, b.OverdueAt));

    private static Instant? Min(Instant? a, Instant? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
