namespace Workflow.Definitions.Feedback;

/// <summary>Where a complaint (投诉) stands; stored by name (docs/feedback.md, Complaints).</summary>
public enum ComplaintState
{
    /// <summary>Filed; no supervisor has taken it yet.</summary>
    Open,
    /// <summary>A supervisor took it and is its handler (办理中).</summary>
    InHand,
    /// <summary>The handler replied (已答复).</summary>
    Answered,
    /// <summary>Closed by the agent (at any time: satisfied or withdrawn) or by a supervisor once answered.</summary>
    Closed,
}
