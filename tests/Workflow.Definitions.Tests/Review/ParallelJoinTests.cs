using Workflow.Definitions.Review;
using static Workflow.Definitions.Review.ReviewOutcome;

namespace Workflow.Definitions.Tests.Review;

public class ParallelJoinTests
{
    [Theory]
    [InlineData(ParallelJoinMode.All, 0, 5, new[] { Approved, Approved, Approved, Approved }, ParallelVerdict.Pending)]
    [InlineData(ParallelJoinMode.All, 0, 5, new[] { Approved, Approved, Approved, Approved, Approved }, ParallelVerdict.Approved)]
    [InlineData(ParallelJoinMode.All, 0, 3, new[] { Approved, ApprovedWithConditions, Approved }, ParallelVerdict.ApprovedWithConditions)]
    [InlineData(ParallelJoinMode.All, 0, 3, new[] { Rejected }, ParallelVerdict.Pending)] // the others still finish their reviews
    [InlineData(ParallelJoinMode.All, 0, 3, new[] { Rejected, Approved, Approved }, ParallelVerdict.Rejected)]
    [InlineData(ParallelJoinMode.Any, 0, 4, new[] { Rejected, Rejected }, ParallelVerdict.Pending)]
    [InlineData(ParallelJoinMode.Any, 0, 4, new[] { Rejected, ApprovedWithConditions }, ParallelVerdict.ApprovedWithConditions)]
    [InlineData(ParallelJoinMode.Any, 0, 2, new[] { Rejected, Rejected }, ParallelVerdict.Rejected)]
    [InlineData(ParallelJoinMode.Quorum, 3, 5, new[] { Approved, Approved }, ParallelVerdict.Pending)]
    [InlineData(ParallelJoinMode.Quorum, 3, 5, new[] { Approved, Rejected, Approved, Approved }, ParallelVerdict.Approved)]
    [InlineData(ParallelJoinMode.Quorum, 3, 5, new[] { Rejected, Rejected }, ParallelVerdict.Pending)]
    [InlineData(ParallelJoinMode.Quorum, 3, 5, new[] { Rejected, Rejected, Rejected }, ParallelVerdict.Pending)]
    [InlineData(ParallelJoinMode.Quorum, 3, 5, new[] { Rejected, Rejected, Rejected, Approved, Approved }, ParallelVerdict.Rejected)]
    public void Join_rules(ParallelJoinMode mode, int quorum, int branches, ReviewOutcome[] decided, ParallelVerdict expected) =>
        ParallelJoin.Evaluate(mode, quorum, branches, decided, rejectionCancelsOthers: false).Should().Be(expected);

    [Fact]
    public void A_rejection_that_cancels_the_others_decides_at_once_in_every_mode()
    {
        foreach (var mode in Enum.GetValues<ParallelJoinMode>())
            ParallelJoin.Evaluate(mode, 2, 5, [Approved, Rejected], rejectionCancelsOthers: true).Should().Be(ParallelVerdict.Rejected, mode.ToString());
    }

    [Fact]
    public void Quorum_counts_only_the_first_k_approvals_for_conditions()
    {
        ParallelJoin.Evaluate(ParallelJoinMode.Quorum, 2, 5, [Approved, Approved, ApprovedWithConditions], false).Should().Be(ParallelVerdict.Approved);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Quorum_outside_the_branch_count_is_refused(int quorum)
    {
        var act = () => ParallelJoin.Evaluate(ParallelJoinMode.Quorum, quorum, 5, [], false);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*between 1 and the number of departments (5)*");
    }
}
