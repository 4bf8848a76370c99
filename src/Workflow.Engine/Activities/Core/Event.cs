namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.Event: waits on a bookmark of kind <c>Event</c> carrying <c>{eventName}</c> until someone resumes it (an external event).</summary>
[Activity("Elsa", "Primitives", "Waits for an external event.")]
public sealed class Event : Activity
{
    /// <summary>The kind of the bookmark it waits on.</summary>
    public const string BookmarkKind = "Event";

    /// <summary>The event name stored in the bookmark payload, for whoever resumes it to match on.</summary>
    [Input(Description = "The name of the event to wait for.")]
    public Input<string> EventName { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.CreateBookmark(BookmarkKind, new() { ["eventName"] = context.Get(EventName) });
        return ValueTask.CompletedTask;
    }
}
