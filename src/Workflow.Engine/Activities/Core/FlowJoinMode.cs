namespace Workflow.Engine.Activities.Core;

/// <summary>When an explicit join lets the flow continue; see docs/definition-format.md for the exact rule in each flowchart mode.</summary>
public enum FlowJoinMode
{
    /// <summary>Continue on the first arrival; branches still pending upstream are cancelled.</summary>
    WaitAny,
    /// <summary>Wait for every inbound branch (counter mode: runs when every inbound source executed, whichever port it took).</summary>
    WaitAll,
    /// <summary>Wait for the branches still able to arrive; a branch that took another path is not awaited.</summary>
    WaitAllActive,
    /// <summary>Every inbound connection must be followed; a dead branch blocks the join.</summary>
    WaitAllInbound,
    /// <summary>Ours: continue once <c>quorum</c> inbound branches have arrived; the others are cancelled.</summary>
    Quorum,
}
