namespace Workflow.Definitions.Review;

/// <summary>
/// The decision rule of a parallel review (并联审批): given the branches' final outcomes so far, is the review
/// decided? When it is, the branches still open are cancelled by the caller.
/// </summary>
internal static class ParallelJoin
{
    /// <summary>
    /// Evaluates the join. <paramref name="decided"/> holds the final outcomes of the branches that decided
    /// (Approved, ApprovedWithConditions or Rejected), in order; <paramref name="branchCount"/> is the number of
    /// branches. Rules: <see cref="ParallelJoinMode.All"/> approves when all approved and rejects as soon as one
    /// rejected if <paramref name="rejectionCancelsOthers"/>, else once all decided; <see cref="ParallelJoinMode.Any"/>
    /// approves on the first approval and rejects when every branch rejected; <see cref="ParallelJoinMode.Quorum"/>
    /// approves at <paramref name="quorum"/> approvals and rejects once the quorum can no longer be reached.
    /// With <paramref name="rejectionCancelsOthers"/> any rejection rejects at once, whatever the mode.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A quorum outside 1..<paramref name="branchCount"/>.</exception>
    public static ParallelVerdict Evaluate(ParallelJoinMode mode, int quorum, int branchCount, IReadOnlyList<ReviewOutcome> decided, bool rejectionCancelsOthers)
    {
        var required = mode switch
        {
            ParallelJoinMode.All => branchCount,
            ParallelJoinMode.Any => 1,
            ParallelJoinMode.Quorum when quorum >= 1 && quorum <= branchCount => quorum,
            _ => throw new ArgumentOutOfRangeException(nameof(quorum), quorum, $"A quorum must be between 1 and the number of departments ({branchCount})."),
        };
        var approvals = decided.Where(o => o is ReviewOutcome.Approved or ReviewOutcome.ApprovedWithConditions).ToList();
        var rejections = decided.Count(o => o == ReviewOutcome.Rejected);

        if (rejections > 0 && rejectionCancelsOthers) return ParallelVerdict.Rejected;
        if (approvals.Count >= required)
            return approvals.Take(required).Any(o => o == ReviewOutcome.ApprovedWithConditions)
                ? ParallelVerdict.ApprovedWithConditions
                : ParallelVerdict.Approved;
        // Without the cancel option every department finishes its review, so the applicant learns every
        // objection at once; the rejection is final only when nobody is left to decide.
        return decided.Count >= branchCount ? ParallelVerdict.Rejected : ParallelVerdict.Pending;
    }
}
