namespace Workflow.Definitions.SpecialProcedures;

/// <summary>特别程序: legally excluded from the case's time limit.</summary>
public enum SpecialProcedureKind
{
    /// <summary>专家评审.</summary>
    ExpertReview,
    /// <summary>听证.</summary>
    Hearing,
    /// <summary>公示 (e.g. 批前公示).</summary>
    PublicNotice,
}
