using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Web.Tracking;

/// <summary>
/// Builds the project tracker: the four stages × their matters, each matter read from the latest case that applied
/// for it. A matter's step is the review of that matter, or (joint reviews name no matter) the joint step of the
/// matter's department.
/// </summary>
public static class ProjectGrid
{
    public static IReadOnlyList<StageRow> Build(MatterCatalogue catalogue, IReadOnlyList<CaseFile> cases, Func<CaseFile, WorkingCalendar> calendarOf, Instant now) =>
        catalogue.Stages.OrderBy(s => s.Stage).Select(stage =>
        {
            var latest = cases.Where(c => c.Stage == stage.Stage).MaxBy(c => c.SubmittedAt);
            var cells = catalogue.MattersOf(stage.Stage)
                .Select(matter => Cell(catalogue, matter, cases.Where(c => c.Matters.Contains(matter.Code)).MaxBy(c => c.SubmittedAt), calendarOf, now))
                .ToList();
            return new StageRow(stage, cells, latest);
        }).ToList();

    /// <summary>When a closed case's clocks stopped mattering: its result, else its last completed step.</summary>
    public static Instant ReadAt(CaseFile file, Instant now) => file.State switch
    {
        CaseState.Issued or CaseState.Rejected or CaseState.Refused or CaseState.Revoked =>
            file.Result?.IssuedAt ?? file.Steps.Select(s => s.CompletedAt).Where(c => c is not null).Max() ?? now,
        _ => now,
    };

    private static MatterCell Cell(MatterCatalogue catalogue, Matter matter, CaseFile? file, Func<CaseFile, WorkingCalendar> calendarOf, Instant now)
    {
        if (file is null)
            return new MatterCell(matter, CellState.NotApplied, null, [], null, []);

        var calendar = calendarOf(file);
        var steps = file.Steps.Where(s => s.MatterCode == matter.Code
            || (s.MatterCode is null && s.Department == matter.Department && s.Kind is StepKind.JointOpinion or StepKind.JointConsolidation)).ToList();
        var step = steps.LastOrDefault(s => s.IsOpen) ?? steps.LastOrDefault();
        var openSteps = file.Steps.Where(s => s.IsOpen).ToList();
        var holders = (step is { IsOpen: true } ? [step] : openSteps).Select(s => Labels.Department(catalogue, s.Department)).Distinct().ToList();

        var clocks = step is { IsOpen: true } && CaseClocks.ForStep(step, calendar) is { } stepClocks
            ? ClocksView.Read(stepClocks, now, calendar.Zone)
            : ClocksView.Read(CaseClocks.ForCase(file, calendar), ReadAt(file, now), calendar.Zone);

        var missing = new List<string>();
        if (file.State == CaseState.WaitingForSupplement && file.Notices.Count > 0)
            missing.AddRange(file.Notices[^1].Items.Where(i => i.MatterCode == matter.Code).Select(i => $"{i.MaterialName}：{i.Reason}"));
        if (step is { State: StepState.WaitingForSupplement, SupplementRequests.Count: > 0 })
            missing.AddRange(step.SupplementRequests[^1].Items.Select(i => $"{NameOf(file, i.Code)}：{i.Reason}"));
        foreach (var commitment in file.Commitments.Where(c => c.IsOpen && c.MatterCode == matter.Code))
            missing.Add(Ui.T($"容缺承诺：{commitment.MaterialName}（{PageTime.Format(commitment.Due, calendar.Zone)} 前补齐）",
                $"Commitment: {commitment.MaterialName} (due {PageTime.Format(commitment.Due, calendar.Zone)})"));
        missing = missing.Distinct().ToList();

        var state = file.State switch
        {
            CaseState.Issued => CellState.Issued,
            CaseState.Rejected or CaseState.Refused or CaseState.Revoked => CellState.Rejected,
            CaseState.Submitted => CellState.AtWindow,
            CaseState.WaitingForSupplement => CellState.WaitingForSupplement,
            _ when step?.State == StepState.WaitingForSupplement || (file.State == CaseState.AwaitingCommitments && missing.Count > 0) => CellState.WaitingForSupplement,
            _ => (clocks?.WorstLevel ?? DeadlineLevel.Normal) switch
            {
                DeadlineLevel.Overdue => CellState.Overdue,
                DeadlineLevel.Warning => CellState.Warning,
                _ => CellState.OnTime,
            },
        };
        return new MatterCell(matter, state, file.CaseId, holders, clocks, missing, step is { IsOpen: false } ? step.Outcome : null);
    }

    private static string NameOf(CaseFile file, string code) => file.Materials.FirstOrDefault(m => m.Code == code)?.Name ?? code;
}
