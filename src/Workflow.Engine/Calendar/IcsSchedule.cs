namespace Workflow.Engine.Calendar;

/// <summary>The days read from an iCalendar file: holidays and make-up working days, in date order.</summary>
public sealed record IcsSchedule(IReadOnlyList<Holiday> Holidays, IReadOnlyList<MakeUpWorkingDay> MakeUpDays)
{
    /// <summary>The whole years touched by any day of the schedule; null when it is empty.</summary>
    public DateRange? Years
    {
        get
        {
            var dates = Holidays.Select(h => h.Date).Concat(MakeUpDays.Select(m => m.Date)).ToArray();
            return dates.Length == 0 ? null : DateRange.Years(dates.Min().Year, dates.Max().Year);
        }
    }
}
