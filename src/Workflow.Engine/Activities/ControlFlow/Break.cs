namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.Break: ends the nearest enclosing loop once the running iteration's body completes (a Sequence on the way
/// stops too); other paths of the body's flowchart run on, as in Elsa (Elsa.Workflows.Core/Activities/Break.cs,
/// Behaviors/BreakBehavior.cs). Outside any loop it only completes.
/// </summary>
[Activity("Elsa", "Looping", "Break out of a loop.")]
public sealed class Break : Activity, ITerminalActivity
{
    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Break();
        return ValueTask.CompletedTask;
    }
}
