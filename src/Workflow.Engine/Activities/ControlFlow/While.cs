using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.While: evaluates <c>condition</c> before every iteration and runs <c>body</c> while it holds; Elsa.Break
/// in the body ends it (Elsa.Workflows.Core/Activities/While.cs). A While without a body completes at once
/// (Elsa would spin on it).
/// </summary>
[Activity("Elsa", "Looping", "Execute an activity while a given condition evaluates to true.")]
[EmbeddedPort("Body")]
public sealed class While : LoopActivity, ILoopActivity
{
    /// <summary>Evaluated before every iteration; false when the definition leaves it out.</summary>
    [Input(UIHint = "singleline", Description = "The condition to evaluate.")]
    public Input<bool> Condition { get; set; } = new(false);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        Iterate(context);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        Iterate(context);
        return ValueTask.CompletedTask;
    }

    private void Iterate(ActivityExecutionContext context)
    {
        if (!context.IsBreaking && context.Node.Body is { } body && context.Get(Condition))
            context.ScheduleChild(body);
        else
            context.Complete();
    }
}
