namespace Workflow.Engine.Activities;

/// <summary>
/// The named outcomes (ports) an activity can complete with, in the order the designer shows them. Without this
/// attribute an activity has the single outcome <c>Done</c>. Activities whose ports depend on their inputs
/// (FlowFork's branches, FlowSwitch's cases) override <see cref="Activity.GetOutcomes"/> as well.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class FlowOutcomesAttribute(params string[] outcomes) : Attribute
{
    /// <summary>The outcome names, in designer order.</summary>
    public IReadOnlyList<string> Outcomes { get; } = outcomes;
}
