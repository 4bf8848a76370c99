using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Returns;
using Workflow.Definitions.Review;
using Workflow.Engine.Calendar;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Tracking;

/// <summary>A matter applied for.</summary>
public sealed record MatterItem(string Code, string Name, string Department);

/// <summary>A commitment (承诺) to supply a waived material by <see cref="Due"/>.</summary>
public sealed record CommitmentItem(string Matter, string Material, string MaterialName, int WorkingDays, Instant Due, Instant? FulfilledAt, bool Fulfilled, bool Overdue);

/// <summary>
/// A step with what a form and a case page show beyond the list: the outcomes it offers now, its supplement rounds, its
/// opinion, and — while it may still issue a notice — the materials a notice would ask for again (<see cref="RepeatedReturnRisks"/>:
/// each would count as a repeated return, docs/supervision.md, Repeated returns), so the reviewer is warned before asking.
/// </summary>
public sealed record StepDetail(StepSnapshot Step, IReadOnlyList<string> Outcomes, IReadOnlyList<SupplementRequest> SupplementRequests, string? Opinion,
    IReadOnlyList<string> Conditions, IReadOnlyList<RepeatedReturnRisk> RepeatedReturnRisks)
{
    /// <summary>
    /// The detail of <paramref name="step"/>, its clocks read at <paramref name="at"/> (or when it closed); a closed
    /// step offers no outcomes.
    /// </summary>
    public static StepDetail Of(CaseFile file, StepRecord step, WorkingCalendar calendar, Instant at) => new(
        StepSnapshot.Of(file, step, calendar, at), step.IsOpen ? StepActionRules.OutcomesOf(file, step) : [], step.SupplementRequests, step.Opinion, step.Conditions,
        RisksOf(file, step));

    /// <summary>Only an open intake or review step issues notices.</summary>
    public static IReadOnlyList<RepeatedReturnRisk> RisksOf(CaseFile file, StepRecord step) =>
        step.IsOpen && step.Kind is StepKind.Intake or StepKind.Review ? RepeatedReturns.Risks(file, step, file.Materials.Select(m => m.Code)) : [];
}

/// <summary>
/// Everything a case (办件) shows, computed once at <see cref="At"/>: both clocks (an open case's read at <see cref="At"/>, a
/// closed case's when it closed), each step with its clocks, the materials and what the applicant owes, commitments,
/// notices, opinions, repeated returns, the result, the timeline and the workflow version the case runs. The API and the page both show this.
/// </summary>
public sealed record CaseSnapshot(
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
    IReadOnlySet<string> Owed,
    IReadOnlyList<CommitmentItem> Commitments,
    IReadOnlyList<OneTimeNotice> Notices,
    IReadOnlyList<CaseOpinion> Opinions,
    IReadOnlyList<ClockSuspension> Suspensions,
    IReadOnlyList<RepeatedReturn> RepeatedReturns,
    IReadOnlyList<StepDetail> Steps,
    CaseResult? Result,
    IReadOnlyList<TimelineEntry> Timeline,
    CaseWorkflow? Workflow,
    DateTimeZone Zone,
    Instant At)
{
    /// <summary>
    /// True while the case is still being handled (<see cref="CaseStates.Open"/>): its clocks may run and its steps
    /// take actions.
    /// </summary>
    public bool IsOpen => State.IsOpen();

    /// <summary>The number people read and search (<c>2026-3-000123</c>; docs/domain.md, *Case numbers*).</summary>
    public string? CaseNumber { get; init; }

    /// <summary>The query code printed on the acceptance notice (<see cref="CaseNumbers.QueryCodes"/>).</summary>
    public string? QueryCode { get; init; }

    /// <summary>What holds the case's clocks still now (a supplement, a special procedure); null while they run.</summary>
    public ClockHold? Hold { get; init; }

    /// <summary>The case was deemed accepted (视为受理) when the intake clock ran out undecided.</summary>
    public bool DeemedAccepted { get; init; }

    /// <summary>The steps still waiting for an action, open or waiting for a supplement.</summary>
    public IEnumerable<StepDetail> OpenSteps => Steps.Where(s => s.Step.IsOpen);

    /// <summary>The detail of the step with this id, or null when the case has none.</summary>
    public StepDetail? FindStep(string stepId) => Steps.FirstOrDefault(s => s.Step.Id == stepId);

    /// <summary>The snapshot of <paramref name="file"/> at <paramref name="at"/>.</summary>
    public static CaseSnapshot Of(CaseFile file, IReadOnlyList<JournalEntry> journal, MatterCatalogue catalogue, WorkingCalendar calendar, Instant at) => new(
        file.CaseId, file.ProjectId, file.ProjectName, file.Agent, file.Stage,
        file.Stage is { } stage ? catalogue.Stages.FirstOrDefault(s => s.Stage == stage)?.Name : null,
        file.Matters.Select(code => catalogue.FindMatter(code) is { } m ? new MatterItem(m.Code, m.Name, m.Department) : new MatterItem(code, code, "")).ToList(),
        file.State, file.GreenChannel, file.SubmittedAt, file.AcceptedAt,
        ClocksReading.Of(CaseClocks.ForCase(file, calendar), file.ClosedAt() ?? at) is { } clocks ? clocks with { Hold = ClockHold.Of(file.Suspensions) } : null,
        file.Materials.ToList(), file.Materials.Where(m => !m.Present).ToList(), OwedBy(file),
        file.Commitments.Select(c => new CommitmentItem(c.MatterCode, c.MaterialCode, c.MaterialName, c.WorkingDays, c.Due, c.FulfilledAt,
            c.FulfilledAt is not null, c.IsOpen ? at > c.Due : c.FulfilledAt > c.Due)).ToList(),
        file.Notices.ToList(), file.Opinions.ToList(), file.Suspensions.ToList(), file.RepeatedReturns.ToList(),
        file.Steps.Select(s => StepDetail.Of(file, s, calendar, at)).ToList(), file.Result,
        Tracking.Timeline.Of(file, journal), file.Workflow, calendar.Zone, at)
    {
        CaseNumber = file.CaseNumber,
        QueryCode = file.QueryCode,
        DeemedAccepted = file.DeemedAccepted,
        Hold = file.State.IsOpen() ? ClockHold.Of(file.Suspensions) : null,
    };

    /// <summary>Materials the applicant owes: missing ones, and those named by an open supplement request or the pending one-time notice.</summary>
    private static HashSet<string> OwedBy(CaseFile file) =>
        file.Owed().Where(o => o.Source != OwedSource.Commitment).Select(o => o.Code).ToHashSet();
}
