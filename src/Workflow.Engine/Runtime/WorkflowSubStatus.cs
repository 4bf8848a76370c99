namespace Workflow.Engine.Runtime;

/// <summary>
/// An instance's fine status, as in Elsa (docs/definition-format.md, Status). A waiting instance is Running/Suspended,
/// a faulted one Finished/Faulted, a cancelled one Finished/Cancelled.
/// </summary>
public enum WorkflowSubStatus
{
    /// <summary>Created, not run yet.</summary>
    Pending,
    /// <summary>A run is in progress (never stored between transactions).</summary>
    Executing,
    /// <summary>Waiting on at least one bookmark.</summary>
    Suspended,
    /// <summary>Every path ended.</summary>
    Finished,
    /// <summary>Cancelled from outside; its bookmarks are gone.</summary>
    Cancelled,
    /// <summary>An activity failed or Elsa.Fault ran; nothing more is scheduled.</summary>
    Faulted,
}
