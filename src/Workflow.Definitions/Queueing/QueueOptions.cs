using NodaTime;

namespace Workflow.Definitions.Queueing;

/// <summary>The queue's settings (section <c>Queue</c>; docs/queueing.md, *Calling order*).</summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Queue";

    /// <summary>The zone whose local date is the numbering day (the jurisdiction's).</summary>
    public DateTimeZone Zone { get; set; } = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>
    /// How much each reason lifts a ticket: tickets are called by the sum of their reasons' weights first (higher
    /// first), then appointments within their slot, then in order of issue. A weight of 0 turns a reason off.
    /// </summary>
    public Dictionary<QueuePriority, int> Priorities { get; set; } = new()
    {
        [QueuePriority.GreenChannel] = 2,
        [QueuePriority.Elderly] = 1,
        [QueuePriority.Disabled] = 1,
    };

    /// <summary>From which age (on the day of issue, by the ID-card number's birth date) a holder counts as elderly.</summary>
    public int ElderlyAge { get; set; } = 65;

    /// <summary>How many past calls a hall's display lists under the current ones.</summary>
    public int RecentCalls { get; set; } = 8;

    /// <summary>How often a live display asks the database whether its hall has a new call (docs/queueing.md, *Live display across hosts*).</summary>
    public int DisplayPollMilliseconds { get; set; } = 250;
}
