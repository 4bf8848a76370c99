using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Tracking;

/// <summary>How a matter of a project stands on the tracker grid; each has its colour.</summary>
public enum CellState
{
    /// <summary>No application names the matter yet.</summary>
    NotApplied,
    /// <summary>Filed, waiting at the intake window.</summary>
    AtWindow,
    /// <summary>In review, both clocks on time.</summary>
    OnTime,
    /// <summary>In review, a clock in its warning band.</summary>
    Warning,
    /// <summary>In review, a clock past due.</summary>
    Overdue,
    /// <summary>The applicant owes materials: a one-time notice, a supplement request or an open commitment.</summary>
    WaitingForSupplement,
    /// <summary>The stage's result was issued.</summary>
    Issued,
    /// <summary>Refused at intake, rejected or revoked.</summary>
    Rejected,
}

/// <summary>Something the applicant owes for a matter: a material named by the pending notice or a supplement request, or a waived one under commitment.</summary>
/// <param name="MaterialCode">The material.</param>
/// <param name="MaterialName">Its name.</param>
/// <param name="Reason">Why it is asked for (empty for a commitment).</param>
/// <param name="CommitmentDue">For a commitment (容缺承诺): when it is due; null otherwise.</param>
public sealed record OwedItem(string MaterialCode, string MaterialName, string Reason, Instant? CommitmentDue = null);

/// <summary>One cell of the project tracker: a matter, how it stands, who holds it, its clocks and what the applicant still owes.</summary>
/// <param name="Matter">The catalogue matter.</param>
/// <param name="State">The cell's state (its colour).</param>
/// <param name="CaseId">The latest case that applied for it, if any.</param>
/// <param name="Departments">Codes of the departments holding it now (empty when nobody does).</param>
/// <param name="Clocks">The open step's clocks, else the case's; null before acceptance.</param>
/// <param name="Missing">What is missing: notice items, supplement requests, open commitments.</param>
/// <param name="Outcome">The outcome of the matter's step once its department has acted (e.g. <c>Agree</c>), while the case goes on.</param>
public sealed record MatterCell(Matter Matter, CellState State, string? CaseId, IReadOnlyList<string> Departments, ClocksReading? Clocks, IReadOnlyList<OwedItem> Missing, string? Outcome = null);

/// <summary>One row of the project tracker: a stage, its matters' cells and the stage's latest case.</summary>
public sealed record StageRow(StageDefinition Stage, IReadOnlyList<MatterCell> Cells, ProjectCase? LatestCase);

/// <summary>
/// A case of a project as the tracker reads it from the projection rows (never its case file): the case with its
/// clocks, its steps with theirs, what the applicant owes and the workflow it runs, all read at one instant.
/// </summary>
/// <param name="Summary">The case, its clocks read at the tracker's instant (or when it closed).</param>
/// <param name="Steps">Its steps in the order they opened, their clocks read at the same instant.</param>
/// <param name="Owed">What the applicant owes (<see cref="CaseFile.Owed"/>).</param>
/// <param name="Workflow">The workflow the case runs; null for cases filed before bindings.</param>
/// <param name="Zone">The time zone of the case's calendar, for showing due dates.</param>
public sealed record ProjectCase(CaseSummary Summary, IReadOnlyList<StepSnapshot> Steps, IReadOnlyList<OwedMaterial> Owed, CaseWorkflow? Workflow, DateTimeZone Zone)
{
    /// <summary>The case's id.</summary>
    public string Id => Summary.Id;
    /// <summary>The stage applied for.</summary>
    public Stage? Stage => Summary.Stage;
    /// <summary>When the application was filed.</summary>
    public Instant SubmittedAt => Summary.SubmittedAt;
    /// <summary>True while the case is still being handled.</summary>
    public bool IsOpen => Summary.State.IsOpen();
}

/// <summary>A project's tracker: its cases (oldest first) and the grid, every clock read at <paramref name="At"/>.</summary>
public sealed record ProjectTrack(IReadOnlyList<ProjectCase> Cases, IReadOnlyList<StageRow> Stages, Instant At);

/// <summary>
/// The project tracker: the four stages × their matters, each matter read from the latest case that applied for it
/// (from the projection rows, so every clock of the grid is read at the same instant). A matter's step is the review of
/// that matter, or (joint reviews name no matter) the joint step of the matter's department.
/// </summary>
public static class ProjectTracker
{
    /// <summary>
    /// The tracker's rows, one per stage in stage order, read from <paramref name="cases"/> (the project's cases, read
    /// at one instant).
    /// </summary>
    public static IReadOnlyList<StageRow> Build(MatterCatalogue catalogue, IReadOnlyList<ProjectCase> cases) =>
        catalogue.Stages.OrderBy(s => s.Stage).Select(stage =>
        {
            var latest = cases.Where(c => c.Stage == stage.Stage).MaxBy(c => c.SubmittedAt);
            var cells = catalogue.MattersOf(stage.Stage)
                .Select(matter => Cell(matter, LatestOf(cases, matter)))
                .ToList();
            return new StageRow(stage, cells, latest);
        }).ToList();

    /// <summary>The latest case of <paramref name="cases"/> that applied for <paramref name="matter"/>, or null.</summary>
    public static ProjectCase? LatestOf(IReadOnlyList<ProjectCase> cases, Matter matter) =>
        cases.Where(c => c.Summary.Matters.Contains(matter.Code)).MaxBy(c => c.SubmittedAt);

    /// <summary>
    /// The step that stands for <paramref name="matter"/> in <paramref name="steps"/>: its review, or (joint reviews name no
    /// matter) a joint step of the matter's department; the open one first, else the last.
    /// </summary>
    public static StepSnapshot? StepOf(IReadOnlyList<StepSnapshot> steps, Matter matter)
    {
        var own = steps.Where(s => s.Matter == matter.Code
            || (s.Matter is null && s.Department == matter.Department && s.Kind is StepKind.JointOpinion or StepKind.JointConsolidation)).ToList();
        return own.LastOrDefault(s => s.IsOpen) ?? own.LastOrDefault();
    }

    private static MatterCell Cell(Matter matter, ProjectCase? @case)
    {
        if (@case is null)
            return new MatterCell(matter, CellState.NotApplied, null, [], null, []);

        var step = StepOf(@case.Steps, matter);
        var holders = (step is { IsOpen: true } ? [step] : @case.Steps.Where(s => s.IsOpen)).Select(s => s.Department).Distinct().ToList();
        var clocks = step is { IsOpen: true, Clocks: { } own } ? own : @case.Summary.Clocks;
        var caseState = @case.Summary.State;

        // The pending notice's items only exist while the case waits for its supplement (CaseFile.Owed), a request's only
        // while its step waits.
        var missing = @case.Owed.Where(o => o.Source switch
            {
                OwedSource.Notice or OwedSource.Commitment => o.Matter == matter.Code,
                OwedSource.SupplementRequest => step is { State: StepState.WaitingForSupplement } && o.StepId == step.Id,
                _ => false,
            })
            .Select(o => new OwedItem(o.Code, o.Name, o.Reason, o.Due)).Distinct().ToList();

        var state = caseState switch
        {
            CaseState.Issued => CellState.Issued,
            CaseState.Rejected or CaseState.Refused or CaseState.Revoked => CellState.Rejected,
            CaseState.Submitted => CellState.AtWindow,
            CaseState.WaitingForSupplement => CellState.WaitingForSupplement,
            _ when step?.State == StepState.WaitingForSupplement || (caseState == CaseState.AwaitingCommitments && missing.Count > 0) => CellState.WaitingForSupplement,
            _ => (clocks?.Level ?? DeadlineLevel.Normal) switch
            {
                DeadlineLevel.Overdue => CellState.Overdue,
                DeadlineLevel.Warning => CellState.Warning,
                _ => CellState.OnTime,
            },
        };
        return new MatterCell(matter, state, @case.Id, holders, clocks, missing, step is { IsOpen: false } ? step.Outcome : null);
    }
}
