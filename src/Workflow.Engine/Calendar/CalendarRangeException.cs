using NodaTime;

namespace Workflow.Engine.Calendar;

/// <summary>
/// A question about a day the calendar does not cover (neither its official nor its provisional range).
/// The calendar never guesses: the message names the date and the covered range.
/// </summary>
public sealed class CalendarRangeException : ArgumentOutOfRangeException
{
    /// <summary>Names <paramref name="date"/>, the calendar asked and the range it covers.</summary>
    internal CalendarRangeException(string calendarId, LocalDate date, DateRange covered)
        : base(nameof(date), date, $"Date {date:yyyy-MM-dd} is outside calendar '{calendarId}', which covers {covered}.")
    {
        CalendarId = calendarId;
        Date = date;
        Covered = covered;
    }

    /// <summary>The calendar asked.</summary>
    public string CalendarId { get; }

    /// <summary>The day asked about.</summary>
    public LocalDate Date { get; }

    /// <summary>The days the calendar covers.</summary>
    public DateRange Covered { get; }

    /// <summary>One line without the parameter suffix that <see cref="ArgumentException"/> appends.</summary>
    public string OneLine => $"Date {Date:yyyy-MM-dd} is outside calendar '{CalendarId}', which covers {Covered}.";
}
