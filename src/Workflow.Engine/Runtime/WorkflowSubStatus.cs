namespace Workflow.Engine.Runtime;

/// <summary>
/// An instance's fine status, as in Elsa (docs/definition-format.md, Status). A waiting instance is Running/Suspended,
/// a faulted one Finished/Faulted, a cancelled one Finished/Cancelled.
/// </summary>
public enum WorkflowSubStatus
{
    Pending,
    Executing,
    Suspended,
    Finished,
    Cancelled,
    Faulted,
}
