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
public sealed record StageRow(StageDefinition Stage, IReadOnlyList<MatterCell> Cells, CaseSnapshot? LatestCase);

/// <summary>
/// The project tracker: the four stages × their matters, each matter read from the latest case that applied for it
/// (a snapshot, so every clock of the grid is read at the same instant). A matter's step is the review of that
/// matter, or (joint reviews name no matter) the joint step of the matter's department.
/// </summary>
public static class ProjectTracker
{
    /// <summary>
    /// The tracker's rows, one per stage in stage order, read from <paramref name="cases"/> (the project's cases,
    /// snapshots taken at one instant).
    /// </summary>
    public static IReadOnlyList<StageRow> Build(MatterCatalogue catalogue, IReadOnlyList<CaseSnapshot> cases) =>
        catalogue.Stages.OrderBy(s => s.Stage).Select(stage =>
        {
            var latest = cases.Where(c => c.Stage == stage.Stage).MaxBy(c => c.SubmittedAt);
            var cells = catalogue.MattersOf(stage.Stage)
                .Select(matter => Cell(matter, cases.Where(c => c.Matters.Any(m => m.Code == matter.Code)).MaxBy(c => c.SubmittedAt)))
                .ToList();
            return new StageRow(stage, cells, latest);
        }).ToList();

    private static MatterCell Cell(Matter matter, CaseSnapshot? snapshot)
    {
        if (snapshot is null)
            return new MatterCell(matter, CellState.NotApplied, null, [], null, []);

        var steps = snapshot.Steps.Select(s => s.Step).Where(s => s.Matter == matter.Code
            || (s.Matter is null && s.Department == matter.Department && s.Kind is StepKind.JointOpinion or StepKind.JointConsolidation)).ToList();
        var step = steps.LastOrDefault(s => s.IsOpen) ?? steps.LastOrDefault();
        var holders = (step is { IsOpen: true } ? [step] : snapshot.OpenSteps.Select(s => s.Step)).Select(s => s.Department).Distinct().ToList();
        var clocks = step is { IsOpen: true, Clocks: { } own } ? own : snapshot.Clocks;

        var missing = new List<OwedItem>();
        if (snapshot.State == CaseState.WaitingForSupplement && snapshot.Notices.Count > 0)
            missing.AddRange(snapshot.Notices[^1].Items.Where(i => i.MatterCode == matter.Code).Select(i => new OwedItem(i.MaterialCode, i.MaterialName, i.Reason)));
        if (step is { State: StepState.WaitingForSupplement } && snapshot.FindStep(step.Id)!.SupplementRequests is { Count: > 0 } requests)
            missing.AddRange(requests[^1].Items.Select(i => new OwedItem(i.Code, NameOf(snapshot, i.Code), i.Reason)));
        foreach (var commitment in snapshot.Commitments.Where(c => !c.Fulfilled && c.Matter == matter.Code))
            missing.Add(new OwedItem(commitment.Material, commitment.MaterialName, "", commitment.Due));
        missing = missing.Distinct().ToList();

        var state = snapshot.State switch
        {
            CaseState.Issued => CellState.Issued,
            CaseState.Rejected or CaseState.Refused or CaseState.Revoked => CellState.Rejected,
            CaseState.Submitted => CellState.AtWindow,
            CaseState.WaitingForSupplement => CellState.WaitingForSupplement,
            _ when step?.State == StepState.WaitingForSupplement || (snapshot.State == CaseState.AwaitingCommitments && missing.Count > 0) => CellState.WaitingForSupplement,
            _ => (clocks?.Level ?? DeadlineLevel.Normal) switch
            {
                DeadlineLevel.Overdue => CellState.Overdue,
                DeadlineLevel.Warning => CellState.Warning,
                _ => CellState.OnTime,
            },
        };
        return new MatterCell(matter, state, snapshot.Id, holders, clocks, missing, step is { IsOpen: false } ? step.Outcome : null);
    }

    private static string NameOf(CaseSnapshot snapshot, string code) => snapshot.Materials.FirstOrDefault(m => m.Code == code)?.Name ?? code;
}
