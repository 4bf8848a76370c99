using NodaTime;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Cases;

/// <summary>
/// The statutory (法定) and promised (承诺) clocks of a case and of its steps, per docs/calendars.md, The deadline rule: a case counts
/// from acceptance, a step from its creation; each stops while a suspension holds it.
/// </summary>
public static class CaseClocks
{
    /// <summary>The case's clocks; null before acceptance (nothing counts yet).</summary>
    public static DeadlineClocks? ForCase(CaseFile file, WorkingCalendar calendar) =>
        file.AcceptedAt is { } start && file.StatutoryLimit > 0
            ? Build(calendar, start, file.StatutoryLimit, file.PromisedLimit, file.Suspensions)
            : null;

    /// <summary>The step's clocks; null for steps without limits (intake).</summary>
    public static DeadlineClocks? ForStep(StepRecord step, WorkingCalendar calendar) =>
        step.StatutoryLimit > 0 ? Build(calendar, step.CreatedAt, step.StatutoryLimit, step.PromisedLimit, step.Suspensions) : null;

    /// <summary>
    /// Recomputes the stored due instants of the case and its open steps. While a clock stands still its due
    /// instant is the one it would have if it ran again at <paramref name="now"/>.
    /// </summary>
    public static void Refresh(CaseFile file, WorkingCalendar calendar, Instant now)
    {
        // A counting case whose clocks run past the calendar's range has unknown dues (null), not the old ones.
        var counting = file.AcceptedAt is not null && file.StatutoryLimit > 0;
        var caseClocks = counting ? ForCase(file, calendar) : null;
        file.RecordDue(calendar.Version, !counting ? null
            : caseClocks is null ? (null, null)
            : (DueOf(caseClocks.Statutory, now), caseClocks.Promised is { } casePromised ? DueOf(casePromised, now) : null));
        foreach (var step in file.Steps.Where(s => s.IsOpen && s.StatutoryLimit > 0))
        {
            var clocks = ForStep(step, calendar);
            step.StatutoryDue = clocks is null ? null : DueOf(clocks.Statutory, now);
            step.PromisedDue = clocks?.Promised is { } p ? DueOf(p, now) : null;
        }
    }

    /// <summary>
    /// Recomputes every due instant on <paramref name="calendar"/> and records each one that moved as a
    /// <see cref="ClockChange"/>; returns how many moved.
    /// </summary>
    public static int RecomputeAndAudit(CaseFile file, WorkingCalendar calendar, Instant now)
    {
        var before = Snapshot(file);
        Refresh(file, calendar, now);
        var changes = 0;
        foreach (var (stepId, (statutory, promised)) in Snapshot(file))
        {
            var (oldStatutory, oldPromised) = before.GetValueOrDefault(stepId);
            if (oldStatutory == statutory && oldPromised == promised) continue;
            file.ClockChanges.Add(new ClockChange(now, calendar.Version, stepId == "" ? null : stepId, oldStatutory, statutory, oldPromised, promised));
            changes++;
        }
        return changes;
    }

    private static Dictionary<string, (Instant? Statutory, Instant? Promised)> Snapshot(CaseFile file) =>
        file.Steps.Where(s => s.IsOpen).Select(s => (s.Id, (s.StatutoryDue, s.PromisedDue)))
            .Prepend(("", (file.StatutoryDue, file.PromisedDue)))
            .ToDictionary(x => x.Item1, x => x.Item2);

    // A clock standing still whose resumed due day would fall after the calendar's range has no due instant yet.
    private static Instant? DueOf(DeadlineClock clock, Instant now)
    {
        try
        {
            return clock.Due ?? clock.DueIfResumedAt(now);
        }
        catch (CalendarRangeException)
        {
            return null;
        }
    }

    private static DeadlineClocks Build(WorkingCalendar calendar, Instant start, int statutory, int promised, IEnumerable<ClockSuspension> suspensions) =>
        Of(calendar, start, statutory, promised, suspensions.Select(s => new Suspension(s.Start, s.End, s.Reason)).ToList())!;

    /// <summary>
    /// The clocks of a start instant, the two limits and the suspensions; null without a statutory limit. The one place
    /// the case file and the projection rows (<c>docs/domain.md</c>, read side) turn into clocks. Also null, read as
    /// unknown, when the clock runs past the working calendar's range (docs/calendars.md, *Days the calendar does not
    /// cover*): the due day cannot be known until that year's calendar is imported, and reading never throws.
    /// </summary>
    public static DeadlineClocks? Of(WorkingCalendar calendar, Instant start, int statutory, int promised, IReadOnlyList<Suspension> list)
    {
        if (statutory <= 0) return null;
        try
        {
            return new DeadlineClocks(
                new DeadlineClock(calendar, start, statutory, list),
                promised > 0 ? new DeadlineClock(calendar, start, promised, list) : null);
        }
        catch (CalendarRangeException)
        {
            return null;
        }
    }
}
