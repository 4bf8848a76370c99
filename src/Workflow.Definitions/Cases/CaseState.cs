namespace Workflow.Definitions.Cases;

/// <summary>Where a case (办件) stands, as agents and supervisors see it.</summary>
public enum CaseState
{
    /// <summary>Filed; waiting at the intake window (待受理).</summary>
    Submitted,
    /// <summary>The intake asked for materials; waiting for the applicant (待补正).</summary>
    WaitingForSupplement,
    /// <summary>Accepted; departments are reviewing (审批中).</summary>
    InReview,
    /// <summary>Reviews passed; waiting for waived materials before the result can be issued (待补齐容缺材料).</summary>
    AwaitingCommitments,
    /// <summary>The result was issued (已办结).</summary>
    Issued,
    /// <summary>A refusal decision was issued (不予许可).</summary>
    Rejected,
    /// <summary>Not accepted at intake (不予受理).</summary>
    Refused,
    /// <summary>The waiver pre-approval was revoked because a commitment was not kept (撤销).</summary>
    Revoked,
}

/// <summary>Which <see cref="CaseState"/>s are still being handled: the one list every query and rule uses.</summary>
public static class CaseStates
{
    /// <summary>The states of a case still being handled (its clocks may run, a new application for its stage is refused).</summary>
    public static IReadOnlyList<CaseState> Open { get; } =
        [CaseState.Submitted, CaseState.WaitingForSupplement, CaseState.InReview, CaseState.AwaitingCommitments];

    /// <summary>True for a case still being handled; false once issued, rejected, refused or revoked.</summary>
    public static bool IsOpen(this CaseState state) => Open.Contains(state);
}
