using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.Core;

/// <summary>
/// Elsa.FlowNode: runs its <c>body</c> (any activity, usually a nested Elsa.Flowchart) and completes with
/// <c>Done</c> when the body completes; without a body it completes at once.
/// </summary>
[Activity("Elsa", "Flow", "Runs a nested flowchart.")]
[EmbeddedPort("Body")]
public sealed class FlowNode : CompositeActivity, IContainerActivity
{
    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Node.Body is { } body) context.ScheduleChild(body);
        else context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
