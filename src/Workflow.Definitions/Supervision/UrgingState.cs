namespace Workflow.Definitions.Supervision;

/// <summary>Where a 督办 notice stands (read from its reply; the list filters by it: docs/supervision.md, Urging notices).</summary>
public enum UrgingState
{
    /// <summary>Issued, the department has not replied yet.</summary>
    Awaiting,
    /// <summary>The department has replied.</summary>
    Replied,
}
