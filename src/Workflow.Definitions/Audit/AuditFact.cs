namespace Workflow.Definitions.Audit;

/// <summary>
/// One state change to put on the audit trail (docs/audit.md): who did what, in which role, to which case and step,
/// with the state before and after. The trail adds the instant, the sequence number and the hashes.
/// </summary>
/// <param name="Action">What happened, a dotted name such as <c>step.acted</c> or <c>binding.changed</c> (docs/audit.md lists them).</param>
/// <param name="Actor">The user name; null = the actor of the current flow (<see cref="AuditScope"/>), else <c>system</c>.</param>
/// <param name="Role">The actor's role; null = the role of the current flow, else <c>system</c>.</param>
/// <param name="CaseId">The case the change belongs to, if any (the case page and <c>GET /api/cases/{id}/audit</c> list by it).</param>
/// <param name="StepId">The step, if any.</param>
/// <param name="Before">The state before, short text or JSON; null when the thing is new.</param>
/// <param name="After">The state after; null when the thing is gone.</param>
public sealed record AuditFact(
    string Action,
    string? Actor = null,
    string? Role = null,
    string? CaseId = null,
    string? StepId = null,
    string? Before = null,
    string? After = null);
