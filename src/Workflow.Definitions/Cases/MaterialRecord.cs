using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>A material as the case holds it.</summary>
/// <param name="Code">The catalogue code.</param>
/// <param name="Name">The catalogue name.</param>
/// <param name="MatterCode">The matter that requires it.</param>
/// <param name="Present">Whether the applicant has handed it in.</param>
/// <param name="SubmittedAt">When it was last handed in.</param>
public sealed record MaterialRecord(string Code, string Name, string MatterCode, bool Present, Instant? SubmittedAt);
