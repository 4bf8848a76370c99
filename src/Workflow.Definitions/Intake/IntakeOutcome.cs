namespace Workflow.Definitions.Intake;

/// <summary>What the front desk decides at one-window intake (一窗受理); each is an outcome port of <c>Permits.Intake</c>.</summary>
public enum IntakeOutcome
{
    /// <summary>受理: every required material is present.</summary>
    Accepted,
    /// <summary>容缺受理: only waivable materials are missing and the applicant signed a commitment (承诺书).</summary>
    AcceptedWithWaiver,
    /// <summary>补正: materials are missing or defective; a one-time notice (一次性告知书) lists all of them.</summary>
    SupplementRequired,
    /// <summary>不予受理: the application is outside the matters or otherwise inadmissible.</summary>
    Refused,
}
