using NodaTime;

namespace Workflow.Definitions.Returns;

/// <summary>
/// One repeated return (<c>sup_returns</c>), projected from the case file so the dashboard can list each with its material
/// and reason without loading case files (docs/supervision.md, Repeated returns). <see cref="Id"/> is <c>case|n</c>, n the
/// return's place in the case file's list: returns are only ever appended.
/// </summary>
public sealed class RepeatedReturnRow
{
    public required string Id { get; set; }
    public required string CaseId { get; set; }
    public required string StepId { get; set; }
    /// <summary>The issuer it counts against: <c>frontdesk</c> (the window) or the department.</summary>
    public required string Department { get; set; }
    public required string MaterialCode { get; set; }
    public string? Reason { get; set; }
    public required string Actor { get; set; }
    public Instant At { get; set; }
    /// <summary>The earlier notice at which the material was present and not named.</summary>
    public Instant? UnchallengedAt { get; set; }
}
