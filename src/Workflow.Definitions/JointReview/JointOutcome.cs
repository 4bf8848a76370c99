namespace Workflow.Definitions.JointReview;

/// <summary>The lead department's consolidated decision; each is an outcome port of <c>Permits.JointReview</c> and <c>Permits.JointSiteInspection</c>.</summary>
public enum JointOutcome
{
    /// <summary>Passed without conditions; allowed only when every participant agreed without conditions.</summary>
    Passed,
    /// <summary>Passed with conditions; the only pass allowed once a participant attached conditions.</summary>
    PassedWithConditions,
    /// <summary>Failed; the lead may always choose it, and it is the only outcome once a participant disagreed.</summary>
    Failed,
}
