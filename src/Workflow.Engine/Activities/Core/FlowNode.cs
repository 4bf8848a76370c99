namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.FlowNode: runs its <c>body</c> (a nested Elsa.Flowchart) and completes with <c>Done</c> when the body completes.</summary>
[Activity("Elsa", "Flow", "Runs a nested flowchart.")]
public sealed class FlowNode : Activity, IContainerActivity
{
    // The runtime runs the body itself; this is only reached for a FlowNode without a body.
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
