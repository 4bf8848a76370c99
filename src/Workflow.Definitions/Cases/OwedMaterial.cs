using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>Why the applicant owes a material (docs/domain.md, "The read side").</summary>
public enum OwedSource
{
    /// <summary>The material is not handed in (never, or marked back as missing by a supplement request).</summary>
    Missing,
    /// <summary>Named by the one-time notice the case waits on at the window.</summary>
    Notice,
    /// <summary>Named by the latest supplement request of a step that waits for it.</summary>
    SupplementRequest,
    /// <summary>Waived at acceptance under a commitment (容缺承诺) that is still open.</summary>
    Commitment,
}

/// <summary>
/// A material the applicant owes, as the case's projection row stores it (<c>permit_cases.owed</c>) so that the project
/// tracker reads it without the case file.
/// </summary>
/// <param name="Source">Why it is owed.</param>
/// <param name="Matter">The matter that requires it; null for a step's supplement request (see <paramref name="StepId"/>).</param>
/// <param name="Code">The material's catalogue code.</param>
/// <param name="Name">Its name as the case holds it.</param>
/// <param name="Reason">Why it is asked for (a notice's or request's reason; empty otherwise).</param>
/// <param name="StepId">For a supplement request: the step that asked.</param>
/// <param name="Due">For a commitment: when it is due.</param>
/// <param name="SubmittedAt">For a missing material: when it was last handed in, if ever.</param>
public sealed record OwedMaterial(OwedSource Source, string? Matter, string Code, string Name, string Reason = "", string? StepId = null,
    Instant? Due = null, Instant? SubmittedAt = null);
