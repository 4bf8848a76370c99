using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.For: counts from <c>start</c> to <c>end</c> by <c>step</c> (counting down when the step is negative;
/// <c>outerBoundInclusive</c>, true by default, includes <c>end</c>), running <c>body</c> with the counter in
/// <c>CurrentValue</c> (output and loop variable). Without a body it completes at once
/// (Elsa.Workflows.Core/Activities/For.cs).
/// </summary>
[Activity("Elsa", "Looping", "Iterate over a sequence of steps between a start and an end number.")]
[EmbeddedPort("Body")]
[ActivityOutput("CurrentValue", "Object", "The current step.")]
public sealed class For : LoopActivity, ILoopActivity
{
    private const string StepProperty = "currentStep";

    /// <summary>The counter's first value.</summary>
    [Input(Description = "The start step.")]
    public Input<int> Start { get; set; } = new(0);

    /// <summary>The bound the counter runs to; included when <see cref="OuterBoundInclusive"/> holds.</summary>
    [Input(Description = "The end step.")]
    public Input<int> End { get; set; } = new(0);

    /// <summary>Added to the counter after each iteration (1 by default); negative counts down.</summary>
    [Input(Description = "The step size. To count down, enter a negative number.", DefaultValue = 1)]
    public Input<int> Step { get; set; } = new(1);

    /// <summary>Whether <see cref="End"/> itself is iterated (true by default, as in Elsa).</summary>
    [Input(Description = "Controls whether the end step is upper/lowerbound inclusive or exclusive. True (inclusive) by default.", DefaultValue = true)]
    public Input<bool> OuterBoundInclusive { get; set; } = new(true);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.Node.Body is null)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }
        EnterLoop(context);
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
        var end = context.Get(End);
        var step = context.Get(Step);
        var inclusive = context.Get(OuterBoundInclusive);
        var current = context.State[StepProperty] is { } previous ? previous.GetValue<int>() + step : context.Get(Start);
        var up = step >= 0;
        var loop = !context.IsBreaking && (up ? (inclusive ? current <= end : current < end) : (inclusive ? current >= end : current > end));
        if (!loop)
        {
            ExitLoop(context);
            return;
        }
        context.State[StepProperty] = current;
        context.SetOutput(CurrentValue, current);
        SetLoopVariables(context, current, null);
        context.ScheduleChild(context.Node.Body!);
    }
}
