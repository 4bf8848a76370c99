using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// The two clocks a step or a case carries: the <see cref="Statutory"/> limit (法定时限) and the
/// <see cref="Promised"/> limit (承诺时限), usually shorter. They start together and are suspended and resumed
/// together (a 补正 supplement request stops both).
/// </summary>
/// <param name="Statutory">The legal limit.</param>
/// <param name="Promised">The limit the service centre promised; null when none was promised.</param>
public sealed record DeadlineClocks(DeadlineClock Statutory, DeadlineClock? Promised)
{
    /// <summary>Starts both clocks at <paramref name="start"/> on <paramref name="calendar"/>.</summary>
    public static DeadlineClocks Start(WorkingCalendar calendar, Instant start, int statutoryDays, int? promisedDays, DeadlineWarningPolicy? policy = null) =>
        new(new DeadlineClock(calendar, start, statutoryDays, null, policy),
            promisedDays is { } p ? new DeadlineClock(calendar, start, p, null, policy) : null);

    /// <summary>Both clocks suspended from <paramref name="at"/>.</summary>
    public DeadlineClocks Suspend(Instant at, string? reason = null) => new(Statutory.Suspend(at, reason), Promised?.Suspend(at, reason));

    /// <summary>Both clocks resumed at <paramref name="at"/>.</summary>
    public DeadlineClocks Resume(Instant at) => new(Statutory.Resume(at), Promised?.Resume(at));

    /// <summary>Both clocks recomputed on a new version of their calendar.</summary>
    public DeadlineClocks WithCalendar(WorkingCalendar calendar) => new(Statutory.WithCalendar(calendar), Promised?.WithCalendar(calendar));

    /// <summary>True while suspended.</summary>
    public bool IsSuspended => Statutory.IsSuspended;

    /// <summary>The more severe level of the two at <paramref name="now"/>.</summary>
    public DeadlineLevel WorstLevelAt(Instant now)
    {
        var s = Statutory.LevelAt(now);
        var p = Promised?.LevelAt(now) ?? DeadlineLevel.Normal;
        return s > p ? s : p;
    }
}
