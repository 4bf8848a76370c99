using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// One deadline clock (statutory 法定 or promised 承诺) read at one instant; the API sends it as it is and the pages
/// render it (docs/calendars.md, The deadline rule).
/// </summary>
/// <param name="Limit">The limit in working days.</param>
/// <param name="Due">The due instant; while the clock stands still, the due instant if it ran again at the reading.</param>
/// <param name="RemainingWorkingDays">Limit − elapsed, one decimal; negative once overdue.</param>
/// <param name="RemainingText">"还剩 2.5 个工作日" or "超期 1.0 个工作日".</param>
/// <param name="Level">Normal, Warning or Overdue.</param>
/// <param name="Provisional">The start or due day lies in the calendar's provisional range (holidays not announced yet).</param>
/// <param name="Suspended">The clock stands still (补正, special procedure).</param>
public sealed record ClockReading(int Limit, Instant Due, double RemainingWorkingDays, string RemainingText, DeadlineLevel Level, bool Provisional, bool Suspended)
{
    /// <summary><paramref name="clock"/> read at <paramref name="at"/>.</summary>
    public static ClockReading Of(DeadlineClock clock, Instant at)
    {
        var status = clock.StatusAt(at);
        return new ClockReading(clock.Limit, status.Due, Math.Round(status.Remaining.Value, 1, MidpointRounding.AwayFromZero),
            status.Remaining.ToRemainingText(), status.Level, status.IsProvisional, status.IsSuspended);
    }
}

/// <summary>Both clocks of a case or a step read at one instant; <see cref="Promised"/> is null when no promised limit applies.</summary>
/// <param name="Statutory">The statutory clock (法定时限).</param>
/// <param name="Promised">The promised clock (承诺时限), shorter for green-channel projects.</param>
/// <param name="Suspended">The clocks stand still.</param>
/// <param name="Level">The more severe level of the two.</param>
public sealed record ClocksReading(ClockReading Statutory, ClockReading? Promised, bool Suspended, DeadlineLevel Level)
{
    /// <summary>
    /// The clocks of a projection row read at <paramref name="at"/>, with the hold (reason, special procedure, planned
    /// end) that stops them, exactly as the case file's reading has it.
    /// </summary>
    internal static ClocksReading? OfRow(WorkingCalendar calendar, Instant start, int statutory, int promised, string storedSuspensions, Instant at)
    {
        var suspensions = StoredSuspensions.DecodeFull(storedSuspensions);
        return ClocksReading.Of(CaseClocks.Of(calendar, start, statutory, promised, [.. suspensions.Select(s => new Suspension(s.Start, s.End, s.Reason))]), at) is { } clocks
            ? clocks with { Hold = ClockHold.Of(suspensions) }
            : null;
    }

    /// <summary>
    /// <paramref name="clocks"/> read at <paramref name="at"/>; null when there are none (before acceptance), or when
    /// the reading falls on days the working calendar does not cover (unknown, docs/calendars.md).
    /// </summary>
    public static ClocksReading? Of(DeadlineClocks? clocks, Instant at)
    {
        if (clocks is null) return null;
        ClockReading statutory;
        ClockReading? promised;
        try
        {
            statutory = ClockReading.Of(clocks.Statutory, at);
            promised = clocks.Promised is { } p ? ClockReading.Of(p, at) : null;
        }
        catch (CalendarRangeException)
        {
            return null;
        }
        var level = promised is not null && promised.Level > statutory.Level ? promised.Level : statutory.Level;
        return new ClocksReading(statutory, promised, clocks.IsSuspended, level);
    }

    /// <summary>What holds the clocks still (a supplement, a special procedure); null when they run or it is not known (list rows).</summary>
    public ClockHold? Hold { get; init; }

    /// <summary>Whether either clock touches provisional calendar dates.</summary>
    public bool IsProvisional() => Statutory.Provisional || Promised?.Provisional == true;

    /// <summary>The remaining working days of the clock that matters most for ordering: the promised one when there is one.</summary>
    public double TightestRemaining() => Promised?.RemainingWorkingDays ?? Statutory.RemainingWorkingDays;
}
