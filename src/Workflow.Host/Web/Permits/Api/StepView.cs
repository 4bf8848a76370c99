using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Returns;
using Workflow.Definitions.Review;
using Workflow.Definitions.Tracking;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// A human step (环节) with what a form needs: the outcomes it offers, its clocks, its supplement rounds and, once
/// acted on, the outcome; while open, <see cref="RepeatedReturnRisks"/> warns which materials a notice would ask for again
/// (each would count as a repeated return, docs/supervision.md). <see cref="Version"/> is the step's ETag: send it back as <c>If-Match</c>. A mapping of <see cref="StepDetail"/>.
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
    ClocksReading? Clocks,
    IReadOnlyList<SupplementRequest> SupplementRequests,
    string? Outcome,
    string? Opinion,
    IReadOnlyList<string> Conditions,
    string? Actor,
    Instant? CompletedAt,
    int Version,
    IReadOnlyList<RepeatedReturnRisk> RepeatedReturnRisks)
{
    /// <summary>The case number people read (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    public static StepView From(StepDetail detail)
    {
        var s = detail.Step;
        return new StepView(s.Id, s.CaseId, s.ProjectId, s.ProjectName, s.Kind, s.Department, s.Matter, s.Title, s.State, s.GreenChannel,
            s.CreatedAt, detail.Outcomes, s.Clocks, detail.SupplementRequests, s.Outcome, detail.Opinion, detail.Conditions, s.Actor, s.CompletedAt, s.Version,
            detail.RepeatedReturnRisks)
        {
            CaseNumber = s.CaseNumber,
        };
    }
}
