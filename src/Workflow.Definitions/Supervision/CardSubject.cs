namespace Workflow.Definitions.Supervision;

/// <summary>What a card is about: one step (环节), the whole case (办件), or one waived-material commitment.</summary>
public enum CardSubject
{
    Step,
    Case,
    Commitment,
}
