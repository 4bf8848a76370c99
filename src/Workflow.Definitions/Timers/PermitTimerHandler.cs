using System.Text.Json.Nodes;
using Workflow.Definitions.Cases;
using Workflow.Engine.Runtime;
using Workflow.Engine.Scheduling;

namespace Workflow.Definitions.Timers;

/// <summary>
/// How the engine's scheduler fires the permit activities' timers (<see cref="PermitActivity.TimerKind"/>: joint
/// deadlines, commitment due dates, ends of special procedures): by resuming the bookmark with the timer event, which
/// the activities tell apart from a person's action (<see cref="StepAction.TimerEvent"/>). See docs/scheduling.md.
/// </summary>
internal sealed class PermitTimerHandler(WorkflowRuntime runtime) : IDueBookmarkHandler
{
    /// <inheritdoc />
    public string Kind => PermitActivity.TimerKind;

    /// <inheritdoc />
    public Task FireAsync(string instanceId, Bookmark bookmark, CancellationToken cancellationToken) =>
        runtime.ResumeAsync(instanceId, bookmark.Id, new JsonObject { ["event"] = nameof(StepEvent.Timer) }, null, cancellationToken);
}
