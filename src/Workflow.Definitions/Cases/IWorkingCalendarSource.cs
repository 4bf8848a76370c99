using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Cases;

/// <summary>Where permit activities get the working-day calendar a case counts on.</summary>
public interface IWorkingCalendarSource
{
    /// <summary>The calendar with <paramref name="id"/>.</summary>
    /// <exception cref="UnknownCalendarException">No calendar has that id.</exception>
    WorkingCalendar Get(string id);
}
