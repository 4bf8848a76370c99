using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Review;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// A human step (环节) with what a form needs: the outcomes it offers, its clocks, its supplement rounds and, once
/// acted on, the outcome. <see cref="Version"/> is the step's ETag: send it back as <c>If-Match</c>.
/// </summary>
public sealed record StepView(
    string Id,
    string CaseId,
    string ProjectId,
    string ProjectName,
    StepKind Kind,
    string Department,
    string? Matter,
    string Title,
    StepState State,
    bool GreenChannel,
    Instant CreatedAt,
    IReadOnlyList<string> Outcomes,
    ClocksView? Clocks,
    IReadOnlyList<SupplementRequest> SupplementRequests,
    string? Outcome,
    string? Opinion,
    IReadOnlyList<string> Conditions,
    string? Actor,
    Instant? CompletedAt,
    int Version)
{
    /// <summary>The step of <paramref name="file"/>, its clocks read at <paramref name="now"/> (or when it closed).</summary>
    public static StepView From(CaseFile file, StepRecord step, PermitService permits, Instant now) => new(
        step.Id, file.CaseId, file.ProjectId, file.ProjectName, step.Kind, step.Department, step.MatterCode, step.Title, step.State, file.GreenChannel,
        step.CreatedAt, step.IsOpen ? StepActionRules.OutcomesOf(step.Kind) : [],
        ClocksView.Of(CaseClocks.ForStep(step, permits.CalendarOf(file)), step.CompletedAt ?? now),
        step.SupplementRequests, step.Outcome, step.Opinion, step.Conditions, step.Actor, step.CompletedAt, step.Version);
}
