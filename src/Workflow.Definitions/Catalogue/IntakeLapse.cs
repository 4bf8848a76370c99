namespace Workflow.Definitions.Catalogue;

/// <summary>The rule that applies when an intake step's clock runs out with no decision (docs/domain.md, *The intake clock*).</summary>
public enum IntakeLapse
{
    /// <summary>视为受理: accepted as of the day the materials were received (《行政许可法》第三十二条: 逾期不告知的，自收到申请材料之日起即为受理).</summary>
    DeemedAccepted,
    /// <summary>Only cards: the step stays open, overdue, for the supervisor to chase.</summary>
    WarnOnly,
}
