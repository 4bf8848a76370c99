using NodaTime;
using Workflow.Definitions.Messages;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Clocks;

/// <summary>
/// The working calendar must cover the days an action counts on (docs/calendars.md, *Days the calendar does not cover*).
/// The calendar never guesses, so an action that would start a clock on, or running into, a year it does not cover is
/// refused up front with <see cref="RuleCodes.CalendarYearUncovered"/> naming that year, before anything is applied:
/// inside a running activity the same question would fault the workflow instance.
/// </summary>
public static class CalendarCoverage
{
    /// <summary>The field the refusal is keyed by in problem details.</summary>
    public const string Field = "calendar";

    /// <summary>
    /// Throws unless <paramref name="calendar"/> covers the day of <paramref name="at"/> and, when
    /// <paramref name="workingDays"/> is positive, the due day of a clock of that many working days started then.
    /// </summary>
    /// <exception cref="PermitRuleViolation">A day concerned is not covered; the message names its year.</exception>
    public static void Ensure(WorkingCalendar calendar, Instant at, int workingDays = 0)
    {
        try
        {
            if (workingDays > 0) _ = new DeadlineClock(calendar, at, workingDays);
            else calendar.EnsureCovered(at.InZone(calendar.Zone).Date);
        }
        catch (CalendarRangeException e)
        {
            throw Uncovered(e);
        }
    }

    /// <summary>
    /// The close of office of the <paramref name="workingDays"/>th working day counted from <paramref name="at"/>, for a
    /// deadline an activity sets while it runs (a joint review's, a special procedure's end). Where the calendar cannot
    /// count it, the refusal abandons the run unsaved (a <see cref="Workflow.Engine.Runtime.WorkflowRunRefusedException"/>),
    /// so the action that led there gets the same 422 as the up-front checks and the instance does not fault.
    /// </summary>
    /// <exception cref="PermitRuleViolation">A day concerned is not covered; the message names its year.</exception>
    public static Instant DueAfter(WorkingCalendar calendar, Instant at, int workingDays)
    {
        try
        {
            return new DeadlineClock(calendar, at, workingDays).Due!.Value;
        }
        catch (CalendarRangeException e)
        {
            throw Uncovered(e);
        }
    }

    private static PermitRuleViolation Uncovered(CalendarRangeException e) =>
        PermitRuleViolation.For(Field, RuleCodes.CalendarYearUncovered, e.Date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
