namespace Workflow.Definitions.JointReview;

/// <summary>The lead department's consolidated decision; each is an outcome port of <c>Permits.JointReview</c> and <c>Permits.JointSiteInspection</c>.</summary>
public enum JointOutcome
{
    Passed,
    PassedWithConditions,
    Failed,
}
