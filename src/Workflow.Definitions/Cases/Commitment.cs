using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>
/// 承诺: the applicant's written commitment to supply a waived material by <see cref="Due"/>
/// (the end of office hours of the N-th working day after acceptance).
/// </summary>
public sealed record Commitment(string MatterCode, string MaterialCode, string MaterialName, int WorkingDays, Instant Due, Instant? FulfilledAt = null)
{
    /// <summary>True until the waived material is supplied.</summary>
    public bool IsOpen => FulfilledAt is null;
}
