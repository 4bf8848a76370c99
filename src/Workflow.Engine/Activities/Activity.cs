using System.Reflection;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities;

/// <summary>
/// The plug-in point: one class per activity type, named by <see cref="ActivityAttribute"/>, with <see cref="Input{T}"/>
/// properties and outcomes from <see cref="FlowOutcomesAttribute"/>. A new instance is created (through the service
/// container, so constructors may take services) and bound for every execution and every resume, so fields do not
/// survive between them: keep what must survive in <see cref="ActivityExecutionContext.State"/>.
/// </summary>
public abstract class Activity
{
    /// <summary>
    /// Runs the activity. It either completes (<see cref="ActivityExecutionContext.Complete"/>), creates one or more
    /// bookmarks and waits, faults, or ends the flowchart/workflow. Returning without doing any of these completes it
    /// with <c>Done</c>.
    /// </summary>
    public abstract ValueTask ExecuteAsync(ActivityExecutionContext context);

    /// <summary>
    /// Called when one of this activity's bookmarks is resumed (<see cref="ActivityExecutionContext.ResumedBookmark"/>,
    /// <see cref="ActivityExecutionContext.ResumeInput"/>). The resumed bookmark is already removed; the others stay
    /// until the activity completes. Decide again: complete with an outcome, or return without completing to keep
    /// waiting (an activity left with no bookmark at all is completed with <c>Done</c>, since nothing could resume it).
    /// The default completes with <c>Done</c>.
    /// </summary>
    public virtual ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>The outcomes of this activity as configured in <paramref name="node"/>; by default the <see cref="FlowOutcomesAttribute"/> list or <c>Done</c>.</summary>
    public virtual IReadOnlyList<string> GetOutcomes(ActivityNode node) => StaticOutcomes(GetType());

    internal static IReadOnlyList<string> StaticOutcomes(Type type) =>
        type.GetCustomAttribute<FlowOutcomesAttribute>()?.Outcomes ?? [Outcomes.Done];
}
