using Workflow.Engine.Model;

namespace Workflow.Engine.Activities;

/// <summary>
/// An activity that runs embedded child activities (Elsa's composite activities: If, Switch, Sequence, the loops,
/// FlowNode). It schedules children with <see cref="ActivityExecutionContext.ScheduleChild"/>; each child may be any
/// activity, a flowchart included. When a child completes, <see cref="OnChildCompletedAsync"/> is called on a fresh
/// instance with the composite's own <see cref="ActivityExecutionContext.State"/> (Elsa's completion callback): it
/// schedules more, completes, or returns to wait for children still running. Returning from
/// <see cref="Activity.ExecuteAsync"/> without scheduling or completing completes with <c>Done</c>.
/// </summary>
public abstract class CompositeActivity : Activity
{
    /// <summary>Called when a child scheduled by this activity completed with <paramref name="outcomes"/>.</summary>
    public abstract ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes);
}

/// <summary>A loop (For, ForEach, While, ParallelForEach): the target of Elsa.Break and Elsa.Complete.</summary>
public interface ILoopActivity;
