namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.SetName: sets the workflow instance's name (Elsa.Workflows.Core/Activities/SetName.cs).</summary>
[Activity("Elsa", "Primitives", "Set the name of the workflow instance to a specified value.")]
public sealed class SetName : Activity
{
    /// <summary>The instance's new name; empty by default.</summary>
    [Input(Description = "The name to give the workflow instance.")]
    public Input<string> Value { get; set; } = new("");

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Instance.Name = context.Get(Value);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
