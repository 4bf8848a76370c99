namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.End: completes the enclosing flowchart at once; its other waiting paths are cancelled.</summary>
[Activity("Elsa", "Primitives", "Completes the flowchart it is in.")]
public sealed class End : Activity, ITerminalActivity
{
    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.EndFlowchart();
        return ValueTask.CompletedTask;
    }
}
