namespace Workflow.Definitions.Cases;

/// <summary>What resumed a permit activity (<see cref="StepAction.Event"/>); stored and sent by name.</summary>
public enum StepEvent
{
    /// <summary>A person acted on a step (the default when the input names no event).</summary>
    Action,
    /// <summary>The applicant handed in materials (<c>Materials/MaterialSupply</c>).</summary>
    MaterialsSupplied,
    /// <summary>A timer fired (<c>Timers/PermitTimerHandler</c>).</summary>
    Timer,
}
