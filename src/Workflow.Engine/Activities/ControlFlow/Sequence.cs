using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.ControlFlow;

/// <summary>
/// Elsa.Sequence: runs its <c>activities</c> one after another, each when the previous completed; stops early when
/// a Break below it marks it breaking (Elsa.Workflows.Core/Activities/Sequence.cs; its other early stop, a terminal
/// child, needs nothing here: End, Finish and Complete end the sequence's container themselves).
/// Hidden from the palette, as in Elsa.
/// </summary>
[Activity("Elsa", "Workflows", "Execute a set of activities in sequence.", IsBrowsable = false)]
public sealed class Sequence : CompositeActivity, IContainerActivity
{
    private const string IndexProperty = "currentIndex";

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        Next(context);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        if (context.IsBreaking) context.Complete();
        else Next(context);
        return ValueTask.CompletedTask;
    }

    private static void Next(ActivityExecutionContext context)
    {
        var index = context.State[IndexProperty]?.GetValue<int>() ?? 0;
        var children = context.Node.PortList("activities").ToList();
        if (index >= children.Count)
        {
            context.Complete();
            return;
        }
        context.State[IndexProperty] = index + 1;
        context.ScheduleChild(children[index].Activity);
    }
}
