namespace Workflow.Definitions.Review;

/// <summary>What a department reviewer decides on a review step; each is an outcome port of <c>Permits.DepartmentReview</c>.</summary>
public enum ReviewOutcome
{
    /// <summary>准予许可.</summary>
    Approved,
    /// <summary>附条件准予: approved, with conditions the applicant must meet.</summary>
    ApprovedWithConditions,
    /// <summary>不予许可.</summary>
    Rejected,
    /// <summary>
    /// 补正: the reviewer asks for materials. The step stays open and its clocks (and the case's) stop until the
    /// applicant resubmits; it is not a final decision.
    /// </summary>
    SupplementRequested,
}
