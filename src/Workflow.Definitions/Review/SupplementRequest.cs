using NodaTime;
using Workflow.Definitions.Intake;

namespace Workflow.Definitions.Review;

/// <summary>
/// One request for supplementary materials (补正) made on a review step. <see cref="PresentAtRequest"/> is the
/// set of materials the case held when it was made: asking later for one of them is a repeated return.
/// </summary>
/// <param name="Items">Every material asked for, with its reason (all at once: 一次性告知).</param>
/// <param name="PresentAtRequest">Codes of the materials the case held at the request.</param>
/// <param name="RequestedAt">When the reviewer asked; the step's and case's clocks stop here.</param>
/// <param name="ResubmittedAt">When the applicant resubmitted; the clocks run again from here. Null while waiting.</param>
public sealed record SupplementRequest(
    IReadOnlyList<MaterialDefect> Items,
    IReadOnlyList<string> PresentAtRequest,
    Instant RequestedAt,
    Instant? ResubmittedAt = null);
