namespace Workflow.Engine.Runtime;

/// <summary>An instance's coarse status, as in Elsa (docs/definition-format.md, Status): it is running (possibly waiting) or it is over.</summary>
public enum WorkflowStatus
{
    /// <summary>Not over: pending, executing or waiting.</summary>
    Running,
    /// <summary>Over; the sub-status says how.</summary>
    Finished,
}
