namespace Workflow.Definitions.SpecialProcedures;

/// <summary>How a special procedure's length is counted.</summary>
public enum DurationUnit
{
    /// <summary>Working days on the case's calendar; it ends at the close of office hours of the N-th working day.</summary>
    WorkingDays,
    /// <summary>Calendar days: it ends N days later at the same local time.</summary>
    CalendarDays,
    /// <summary>It lasts until the lead department says it is complete (a step in its inbox).</summary>
    UntilCompleted,
}
