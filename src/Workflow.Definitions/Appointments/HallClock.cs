using NodaTime;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Appointments;

/// <summary>A hall's local time: its calendar's time zone (the hall's "today" and slot times are local to it).</summary>
public sealed class HallClock(CalendarRegistry calendars, IClock clock)
{
    /// <summary>The working calendar of <paramref name="hall"/>.</summary>
    /// <exception cref="UnknownCalendarException">The hall names a calendar that is not registered.</exception>
    public WorkingCalendar CalendarOf(Hall hall) => calendars.Get(hall.CalendarId);

    /// <summary>Now.</summary>
    public Instant Now => clock.GetCurrentInstant();

    /// <summary>The hall's date today.</summary>
    public LocalDate Today(Hall hall) => Now.InZone(CalendarOf(hall).Zone).Date;

    /// <summary>An instant as the hall's local date and time.</summary>
    public LocalDateTime Local(Hall hall, Instant instant) => instant.InZone(CalendarOf(hall).Zone).LocalDateTime;
}
