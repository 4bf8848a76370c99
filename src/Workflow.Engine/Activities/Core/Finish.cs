namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.Finish: finishes the whole workflow at once; every other waiting path is cancelled.</summary>
[Activity("Elsa", "Primitives", "Finishes the workflow.")]
public sealed class Finish : Activity, ITerminalActivity
{
    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.FinishWorkflow();
        return ValueTask.CompletedTask;
    }
}
