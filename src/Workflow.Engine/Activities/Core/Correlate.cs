namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.Correlate: sets the instance's correlation id (Elsa.Workflows.Core/Activities/Correlate.cs); it is stored with the instance.</summary>
[Activity("Elsa", "Primitives", "Set the CorrelationId of the workflow to a given value.")]
public sealed class Correlate : Activity
{
    /// <summary>The new correlation id; null clears it.</summary>
    [Input(Description = "An expression that evaluates to the value to store as the correlation id")]
    public Input<string> CorrelationId { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Instance.CorrelationId = context.Get(CorrelationId);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
