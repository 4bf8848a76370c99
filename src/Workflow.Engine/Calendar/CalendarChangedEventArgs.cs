namespace Workflow.Engine.Calendar;

/// <summary>A calendar was replaced by a new version (e.g. an official schedule imported over provisional days).</summary>
public sealed class CalendarChangedEventArgs(WorkingCalendar previous, WorkingCalendar current) : EventArgs
{
    /// <summary>The version open clocks were counted on.</summary>
    public WorkingCalendar Previous { get; } = previous;

    /// <summary>The version to recompute them on.</summary>
    public WorkingCalendar Current { get; } = current;
}
