namespace Workflow.Definitions.Supervision;

/// <summary>Which clock a card (黄牌/红牌) is about (docs/supervision.md, Cards).</summary>
public enum CardClock
{
    /// <summary>The statutory limit (法定时限) of a step or the case.</summary>
    Statutory,

    /// <summary>The promised limit (承诺时限) of a step or the case.</summary>
    Promised,

    /// <summary>A waived material's commitment (容缺承诺): the applicant's promise to hand it in by a date.</summary>
    Commitment,
}
