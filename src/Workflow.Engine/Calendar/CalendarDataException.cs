namespace Workflow.Engine.Calendar;

/// <summary>
/// Calendar data that cannot be used: malformed JSON or iCalendar, an unknown time zone, a date that is both a
/// holiday and a make-up working day, a date outside the declared range. The message names the source (file)
/// and, where there is one, the date at fault.
/// </summary>
public sealed class CalendarDataException(string message, Exception? inner = null) : Exception(message, inner);
