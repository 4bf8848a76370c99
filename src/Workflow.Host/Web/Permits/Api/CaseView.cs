using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Tracking;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// A case (办件) with everything its tracker shows: both clocks (due instant, remaining working days, level,
/// provisional, suspended), materials and what is missing, commitments, one-time notices, opinions, repeated
/// returns, the open steps, every step, the result, the timeline, and the workflow and version the case runs. A mapping
/// of <see cref="CaseSnapshot"/>.
/// </summary>
public sealed record CaseView(
    string Id,
    string ProjectId,
    string ProjectName,
    string Agent,
    Stage? Stage,
    string? StageName,
    IReadOnlyList<MatterItem> Matters,
    CaseState State,
    bool GreenChannel,
    Instant SubmittedAt,
    Instant? AcceptedAt,
    ClocksReading? Clocks,
    IReadOnlyList<MaterialRecord> Materials,
    IReadOnlyList<MaterialRecord> MissingMaterials,
    IReadOnlyList<CommitmentItem> Commitments,
    IReadOnlyList<OneTimeNotice> Notices,
    IReadOnlyList<CaseOpinion> Opinions,
    IReadOnlyList<ClockSuspension> Suspensions,
    IReadOnlyList<RepeatedReturn> RepeatedReturns,
    IReadOnlyList<StepView> OpenSteps,
    IReadOnlyList<StepView> Steps,
    CaseResult? Result,
    IReadOnlyList<TimelineEntry> Timeline,
    CaseWorkflow? Workflow)
{
    /// <summary>The case number people read (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    /// <summary>The query code printed on the acceptance notice, for the public progress lookup.</summary>
    public string? QueryCode { get; init; }

    /// <summary>
    /// True when the case was deemed accepted (视为受理): the intake clock ran out with no decision, so it counts as accepted
    /// from when the window received the materials (<see cref="AcceptedAt"/>; docs/domain.md, *The intake clock*).
    /// </summary>
    public bool DeemedAccepted { get; init; }

    /// <summary>
    /// The case as the API shows it; with <paramref name="catalogue"/>, each timeline line's text is worded in the request's
    /// language as the case page words it (<see cref="Display.Labels.TimelineDetail"/>).
    /// </summary>
    public static CaseView From(CaseSnapshot c, Definitions.Catalogue.MatterCatalogue? catalogue = null)
    {
        var steps = c.Steps.Select(StepView.From).ToList();
        return new CaseView(c.Id, c.ProjectId, c.ProjectName, c.Agent, c.Stage, c.StageName, c.Matters, c.State, c.GreenChannel, c.SubmittedAt,
            c.AcceptedAt, c.Clocks, c.Materials, c.MissingMaterials, c.Commitments, c.Notices, c.Opinions, c.Suspensions, c.RepeatedReturns,
            steps.Where(s => s.State is StepState.Open or StepState.WaitingForSupplement).ToList(), steps, c.Result,
            catalogue is null ? c.Timeline : c.Timeline.Select(e => e with { Text = Display.Labels.TimelineDetail(e, catalogue) }).ToList(), c.Workflow)
        {
            CaseNumber = c.CaseNumber,
            QueryCode = c.QueryCode,
            DeemedAccepted = c.DeemedAccepted,
        };
    }
}
