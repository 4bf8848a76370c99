using NodaTime;

namespace Workflow.Engine.Activities.Core;

/// <summary>
/// Elsa.Delay: waits on a bookmark of kind <c>Delay</c> whose ResumeAt is now + <c>timeSpan</c> (from the injected
/// clock); the engine's scheduler (docs/scheduling.md) or a test harness resumes it. <c>strategy</c> and <c>autoBlockingThreshold</c> are
/// accepted and kept, but every delay waits on a bookmark.
/// </summary>
[Activity("Elsa", "Scheduling", "Delay execution for the specified amount of time.")]
public sealed class Delay : Activity
{
    /// <summary>The kind of the bookmark it waits on.</summary>
    public const string BookmarkKind = "Delay";

    /// <summary>How long to wait (one minute by default), measured on the injected clock from the moment it executes.</summary>
    [Input(TypeName = "TimeSpan", DefaultValue = "00:01:00", Description = "How long to wait, as hh:mm:ss or d.hh:mm:ss.")]
    public Input<TimeSpan> TimeSpan { get; set; } = new(System.TimeSpan.FromMinutes(1));

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var wait = context.Get(TimeSpan);
        context.CreateBookmark(BookmarkKind, new() { ["timeSpan"] = wait.ToString("c") }, context.Now + Duration.FromTimeSpan(wait));
        return ValueTask.CompletedTask;
    }
}
