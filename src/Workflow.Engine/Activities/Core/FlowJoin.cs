namespace Workflow.Engine.Activities.Core;

/// <summary>
/// Elsa.FlowJoin: merges branches. The flowchart runtime decides when it runs from <c>mode</c> (and <c>quorum</c>);
/// when it runs it completes at once, and branches still waiting behind it are cancelled.
/// </summary>
[Activity("Elsa", "Branching", "Merges parallel branches: waits for all, any, or a quorum of them.")]
public sealed class FlowJoin : Activity, IJoinActivity
{
    /// <summary>When the join runs; the rule for each mode in each flowchart mode is in docs/definition-format.md, "The two flowchart modes".</summary>
    [Input(UIHint = "dropdown", TypeName = "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", DefaultValue = "WaitAny",
        Description = "WaitAny: continue on the first arrival. WaitAll: wait for every inbound branch. WaitAllActive: wait for the branches still running. WaitAllInbound: every inbound connection must be followed. Quorum: wait for `quorum` arrivals.")]
    public Input<FlowJoinMode> Mode { get; set; } = new(FlowJoinMode.WaitAny);

    /// <summary>For <see cref="FlowJoinMode.Quorum"/>: how many inbound branches must arrive; ignored by the other modes.</summary>
    [Input(TypeName = "Int32", Description = "For mode Quorum: how many inbound branches must arrive.")]
    public Input<int> Quorum { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
