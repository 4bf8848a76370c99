namespace Workflow.Definitions.Commitments;

/// <summary>How waiting for waived materials ends; outcome ports of <c>Permits.AwaitCommitments</c>.</summary>
public enum CommitmentOutcome
{
    /// <summary>Every waived material was supplied.</summary>
    Fulfilled,
    /// <summary>A commitment passed its due date first; the designer routes this to suspension or revocation.</summary>
    Overdue,
}
