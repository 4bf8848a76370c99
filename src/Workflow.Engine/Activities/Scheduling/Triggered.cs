using NodaTime;
using Workflow.Engine.Scheduling;

namespace Workflow.Engine.Activities.Scheduling;

/// <summary>
/// A trigger activity that started its own instance (<see cref="TriggerSweep"/>) waits on a bookmark of kind
/// <see cref="BookmarkKind"/> due at the occurrence; the scheduler fires it once and the workflow goes on.
/// </summary>
internal static class Triggered
{
    public const string BookmarkKind = "Trigger";

    /// <summary>True (and the bookmark created) when this execution is the start by the activity's own trigger.</summary>
    public static bool WaitIfTriggered(ActivityExecutionContext context)
    {
        if ((string?)context.WorkflowInput[TriggerSweep.TriggerInputKey] != context.ActivityId) return false;
        context.WorkflowInput.Remove(TriggerSweep.TriggerInputKey); // a later run through this activity waits as usual
        var at = NodaTime.Text.InstantPattern.ExtendedIso.Parse((string?)context.WorkflowInput["triggeredAt"] ?? "").TryGetValue(context.Now, out var parsed) ? parsed : context.Now;
        context.CreateBookmark(BookmarkKind, new() { ["triggeredAt"] = at.ToString() }, at);
        return true;
    }
}
