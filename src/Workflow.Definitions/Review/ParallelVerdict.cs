namespace Workflow.Definitions.Review;

/// <summary>Where a parallel review stands after a branch decided.</summary>
public enum ParallelVerdict
{
    /// <summary>Not decided yet: keep waiting for branches.</summary>
    Pending,
    /// <summary>The join was met and none of the counted approvals carried conditions.</summary>
    Approved,
    /// <summary>The join was met and at least one counted approval carried conditions.</summary>
    ApprovedWithConditions,
    /// <summary>Every branch decided without meeting the join, or a rejection cancelled the others (一票否决).</summary>
    Rejected,
}
