using NodaTime;

namespace Workflow.Engine.Activities.Scheduling;

/// <summary>
/// Elsa.StartAt (Elsa.Scheduling/Activities/StartAt.cs): waits on a bookmark of kind <see cref="BookmarkKind"/> due at
/// <c>dateTime</c> and completes when the engine's scheduler fires it; an instant at or before now completes at once,
/// as in Elsa. As the start of a published workflow flagged <c>canStartWorkflow</c> it is a trigger: one instance starts
/// at that instant if it lies after the version was stored (<see cref="Engine.Scheduling.TriggerSweep"/>).
/// </summary>
[Activity("Elsa", "Scheduling", "Trigger execution at a specific time in the future.", Kind = "Trigger")]
public sealed class StartAt : Activity
{
    /// <summary>Bookmark kind of a waiting Elsa.StartAt.</summary>
    public const string BookmarkKind = "StartAt";

    /// <summary>The instant to wait for; one at or before now (an absent input included) completes at once.</summary>
    [Input(TypeName = "DateTimeOffset", Description = "The timestamp at which the workflow should be triggered.")]
    public Input<DateTimeOffset> DateTime { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (Triggered.WaitIfTriggered(context)) return ValueTask.CompletedTask;
        var executeAt = Instant.FromDateTimeOffset(context.Get(DateTime));
        if (executeAt <= context.Now)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }
        context.CreateBookmark(BookmarkKind, new() { ["executeAt"] = executeAt.ToString() }, executeAt);
        return ValueTask.CompletedTask;
    }
}
