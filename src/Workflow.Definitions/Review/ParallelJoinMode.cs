namespace Workflow.Definitions.Review;

/// <summary>How a parallel review (并联审批) decides from its branches.</summary>
public enum ParallelJoinMode
{
    /// <summary>Every department must approve (the default).</summary>
    All,
    /// <summary>The first approval decides; the other branches are cancelled.</summary>
    Any,
    /// <summary>k approvals decide (k = the activity's <c>quorum</c> input); the rest are cancelled.</summary>
    Quorum,
}
