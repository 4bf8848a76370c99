using NodaTime;

namespace Workflow.Definitions.Cases;

/// <summary>
/// 反复退件: a notice (the window's or a department's) that asked for a material already in the file and not named at an
/// earlier notice of the same issuer (docs/supervision.md, Repeated returns). <see cref="Department"/> is the issuer it counts
/// against (<c>frontdesk</c> for the window).
/// </summary>
/// <param name="StepId">The step whose notice repeated the return.</param>
/// <param name="Department">The issuer it counts against.</param>
/// <param name="MaterialCode">The material asked for again.</param>
/// <param name="Actor">The clerk or reviewer who issued the notice.</param>
/// <param name="At">When.</param>
/// <param name="Reason">The reason the new notice gave for the material.</param>
/// <param name="UnchallengedAt">The earlier notice at which the material was present and not named (null in older case files).</param>
public sealed record RepeatedReturn(string StepId, string Department, string MaterialCode, string Actor, Instant At, string? Reason = null, Instant? UnchallengedAt = null);
