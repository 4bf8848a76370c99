namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.Start: where the flowchart begins when present; completes at once.</summary>
[Activity("Elsa", "Primitives", "The flowchart starts here.")]
public sealed class Start : Activity, IStartActivity
{
    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
