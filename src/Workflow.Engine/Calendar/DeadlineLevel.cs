namespace Workflow.Engine.Calendar;

/// <summary>Warning level of a deadline clock (docs/calendars.md, The deadline rule), in increasing severity.</summary>
public enum DeadlineLevel
{
    /// <summary>More than the warning threshold remains and less than the warning share is used.</summary>
    Normal = 0,

    /// <summary>Remaining ≤ the threshold (default 1 working day) or elapsed ≥ the share (default 80 %) of the limit; yellow.</summary>
    Warning = 1,

    /// <summary>Remaining &lt; 0: past due; red.</summary>
    Overdue = 2,
}
