using NodaTime;

namespace Workflow.Engine.Activities.Scheduling;

/// <summary>
/// Elsa.Timer (Elsa.Scheduling/Activities/Timer.cs): inside a workflow it waits one <c>interval</c> on a bookmark of kind
/// <see cref="BookmarkKind"/> (due now + interval on the injected clock) and completes when the engine's scheduler fires
/// it (docs/scheduling.md). As the start of a published workflow flagged <c>canStartWorkflow</c> it is a trigger: every
/// interval from the version's creation starts an instance (<see cref="Engine.Scheduling.TriggerSweep"/>). A non-positive interval faults the instance, naming the value.
/// </summary>
[Activity("Elsa", "Scheduling", "Trigger workflow execution at a specific interval.", Kind = "Trigger")]
public sealed class Timer : Activity
{
    /// <summary>Bookmark kind of a waiting Elsa.Timer.</summary>
    public const string BookmarkKind = "Interval";

    /// <summary>The wait (one minute by default); it must be positive.</summary>
    [Input(TypeName = "TimeSpan", DefaultValue = "00:01:00", Description = "The interval at which the timer should execute.")]
    public Input<TimeSpan> Interval { get; set; } = new(TimeSpan.FromMinutes(1));

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (Triggered.WaitIfTriggered(context)) return ValueTask.CompletedTask;
        var interval = context.Get(Interval);
        if (interval <= TimeSpan.Zero)
        {
            context.Fault($"Elsa.Timer needs a positive interval; got {interval:c}.");
            return ValueTask.CompletedTask;
        }
        var resumeAt = context.Now + Duration.FromTimeSpan(interval);
        context.CreateBookmark(BookmarkKind, new() { ["interval"] = interval.ToString("c"), ["resumeAt"] = resumeAt.ToString() }, resumeAt);
        return ValueTask.CompletedTask;
    }
}
