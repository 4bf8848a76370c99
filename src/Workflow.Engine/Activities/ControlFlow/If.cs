using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.If: evaluates <c>condition</c>, records it as the <c>Result</c> output, runs the embedded <c>then</c> or
/// <c>else</c> activity (either may be absent) and completes when it completes (Elsa.Workflows.Core/Activities/If.cs).
/// In a flowchart it completes with <c>True</c> or <c>False</c> and <c>Done</c>: Elsa 3 completes with <c>Done</c>
/// only, so a definition connecting from <c>Done</c> behaves the same, and the extra ports let a designer branch
/// on the flowchart without embedded activities (docs/definition-format.md).
/// </summary>
[Activity("Elsa", "Branching", "Evaluate a Boolean condition to determine which activity to execute next.")]
[EmbeddedPort("Then")]
[EmbeddedPort("Else")]
[FlowOutcomes("True", "False", Outcomes.Done)]
[ActivityOutput("Result", "Boolean", "The evaluated condition.")]
public sealed class If : CompositeActivity
{
    private const string ResultProperty = "result";

    /// <summary>The condition; false when the definition leaves it out.</summary>
    [Input(UIHint = "singleline", Description = "The condition to evaluate.")]
    public Input<bool> Condition { get; set; } = new(false);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var result = context.Get(Condition);
        context.SetOutput("Result", result);
        context.State[ResultProperty] = result;
        if (context.Node.Port(result ? "then" : "else") is { } next) context.ScheduleChild(next);
        else Done(context, result);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        Done(context, context.State[ResultProperty]?.GetValue<bool>() ?? false);
        return ValueTask.CompletedTask;
    }

    private static void Done(ActivityExecutionContext context, bool result) => context.Complete(result ? "True" : "False", Outcomes.Done);
}
