namespace Workflow.Definitions.Supervision;

/// <summary>What a card is about: one step (环节), the whole case (办件), or one waived-material commitment.</summary>
public enum CardSubject
{
    /// <summary>A step's own clocks (环节时限).</summary>
    Step,
    /// <summary>The whole case's clocks (办件时限).</summary>
    Case,
    /// <summary>An open commitment's due date (容缺材料补齐期限).</summary>
    Commitment,
}
