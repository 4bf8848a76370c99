namespace Workflow.Host.Web.Permits;

/// <summary>How often due timers (joint deadlines, commitment due dates, special procedures, delays) are fired; section <c>Timers</c>.</summary>
public sealed class TimerOptions
{
    public const string Section = "Timers";

    /// <summary>Seconds between two sweeps; 0 turns the sweep off (tests fire timers themselves).</summary>
    public int IntervalSeconds { get; set; } = 30;
}
