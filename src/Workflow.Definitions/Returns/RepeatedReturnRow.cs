using NodaTime;

namespace Workflow.Definitions.Returns;

/// <summary>
/// One repeated return (<c>sup_returns</c>), projected from the case file so the dashboard can list each with its material
/// and reason without loading case files (docs/supervision.md, Repeated returns). <see cref="Id"/> is <c>case|n</c>, n the
/// return's place in the case file's list: returns are only ever appended.
/// </summary>
public sealed class RepeatedReturnRow
{
    /// <summary>
    /// <c>case|n</c>: the case and the return's place in the case file's list, so re-projecting a save never adds it
    /// twice.
    /// </summary>
    public required string Id { get; set; }
    /// <summary>The case the return was counted on.</summary>
    public required string CaseId { get; set; }
    /// <summary>The step whose notice asked for the material again.</summary>
    public required string StepId { get; set; }
    /// <summary>The issuer it counts against: <c>frontdesk</c> (the window) or the department.</summary>
    public required string Department { get; set; }
    /// <summary>
    /// The material asked for again although it was present and not named at an earlier notice of the same issuer.
    /// </summary>
    public required string MaterialCode { get; set; }
    /// <summary>Why the material was asked for again, as the issuer gave it; null when none was given.</summary>
    public string? Reason { get; set; }
    /// <summary>The user who issued the notice.</summary>
    public required string Actor { get; set; }
    /// <summary>When the notice that made the return was issued.</summary>
    public Instant At { get; set; }
    /// <summary>The earlier notice at which the material was present and not named.</summary>
    public Instant? UnchallengedAt { get; set; }
}
