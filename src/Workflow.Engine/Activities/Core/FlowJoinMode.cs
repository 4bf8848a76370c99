namespace Workflow.Engine.Activities.Core;

/// <summary>When an explicit join lets the flow continue; see docs/definition-format.md for the exact rule in each flowchart mode.</summary>
public enum FlowJoinMode
{
    WaitAny,
    WaitAll,
    WaitAllActive,
    WaitAllInbound,
    /// <summary>Ours: continue once <c>quorum</c> inbound branches have arrived; the others are cancelled.</summary>
    Quorum,
}
