using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>
/// A project with its cases and the tracker grid: every stage of the catalogue with its matters, and for each
/// matter the case that holds it (the latest), where it stands, both clocks of the case and of the matter's step,
/// and which of its materials are still missing.
/// </summary>
public sealed record ProjectDetailView(ProjectView Project, IReadOnlyList<CaseSummaryView> Cases, IReadOnlyList<ProjectDetailView.StageColumn> Stages)
{
    /// <summary>One stage of the grid.</summary>
    public sealed record StageColumn(Stage Stage, string Name, string LeadDepartment, IReadOnlyList<MatterCell> Matters);

    /// <summary>
    /// One matter of the grid. <see cref="CaseId"/> is null when no case holds it yet; <see cref="PriorApproval"/>
    /// when it was approved before the project came here.
    /// </summary>
    public sealed record MatterCell(string Code, string Name, string Department, bool PriorApproval, string? CaseId, CaseState? CaseState,
        string? StepId, StepState? StepState, string? StepOutcome, ClocksView? CaseClocks, ClocksView? StepClocks, IReadOnlyList<MaterialRecord> Missing);

    /// <summary>The grid of <paramref name="project"/> from its cases' files, clocks read at <paramref name="now"/>.</summary>
    public static ProjectDetailView From(ProjectRow project, IReadOnlyList<CaseRow> rows, IReadOnlyList<CaseFile> files, PermitService permits, Instant now)
    {
        var catalogue = permits.Catalogue;
        var prior = project.PriorApprovals.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var stages = catalogue.Stages.Select(stage => new StageColumn(stage.Stage, stage.Name, stage.LeadDepartment,
            catalogue.MattersOf(stage.Stage).Select(matter => Cell(matter, prior.Contains(matter.Code),
                files.OrderByDescending(f => f.SubmittedAt).FirstOrDefault(f => f.Matters.Contains(matter.Code)), permits, now)).ToList())).ToList();
        return new ProjectDetailView(ProjectView.From(project), rows.Select(CaseSummaryView.From).ToList(), stages);
    }

    private static MatterCell Cell(Matter matter, bool prior, CaseFile? file, PermitService permits, Instant now)
    {
        if (file is null) return new MatterCell(matter.Code, matter.Name, matter.Department, prior, null, null, null, null, null, null, null, []);
        var calendar = permits.CalendarOf(file);
        var step = file.Steps.LastOrDefault(s => s.MatterCode == matter.Code)
            ?? file.Steps.LastOrDefault(s => s.Kind is StepKind.JointOpinion or StepKind.JointConsolidation && s.Department == matter.Department);
        return new MatterCell(matter.Code, matter.Name, matter.Department, prior, file.CaseId, file.State, step?.Id, step?.State, step?.Outcome,
            ClocksView.Of(CaseClocks.ForCase(file, calendar), file.Result?.IssuedAt ?? now),
            step is null ? null : ClocksView.Of(CaseClocks.ForStep(step, calendar), step.CompletedAt ?? now),
            file.Materials.Where(m => m.MatterCode == matter.Code && !m.Present).ToList());
    }
}
