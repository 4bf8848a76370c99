namespace Workflow.Definitions.Review;

/// <summary>Where a parallel review stands after a branch decided.</summary>
public enum ParallelVerdict
{
    /// <summary>Not decided yet: keep waiting for branches.</summary>
    Pending,
    Approved,
    /// <summary>The join was met and at least one counted approval carried conditions.</summary>
    ApprovedWithConditions,
    Rejected,
}
