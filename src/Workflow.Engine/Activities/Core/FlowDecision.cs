namespace Workflow.Engine.Activities.Core;

/// <summary>Elsa.FlowDecision: completes with <c>True</c> or <c>False</c> from its <c>condition</c> (JavaScript, a literal "True"/"False" or a JSON boolean).</summary>
[Activity("Elsa", "Branching", "Takes the True or the False path depending on a condition.")]
[FlowOutcomes("True", "False")]
public sealed class FlowDecision : Activity
{
    /// <summary>The condition; false when the definition leaves it out.</summary>
    [Input(DefaultSyntax = "JavaScript", Description = "The condition to evaluate.")]
    public Input<bool> Condition { get; set; } = new(false);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete(context.Get(Condition) ? "True" : "False");
        return ValueTask.CompletedTask;
    }
}
