using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;

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
        string? StepId, StepState? StepState, string? StepOutcome, ClocksReading? CaseClocks, ClocksReading? StepClocks, IReadOnlyList<MaterialRecord> Missing);

    /// <summary>The grid of <paramref name="project"/> from its cases, all read at one instant.</summary>
    public static ProjectDetailView From(ProjectRow project, IReadOnlyList<CaseSummary> cases, IReadOnlyList<CaseSnapshot> snapshots, MatterCatalogue catalogue)
    {
        var prior = project.PriorApprovals.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var stages = catalogue.Stages.Select(stage => new StageColumn(stage.Stage, stage.Name, stage.LeadDepartment,
            catalogue.MattersOf(stage.Stage).Select(matter => Cell(matter, prior.Contains(matter.Code),
                snapshots.OrderByDescending(f => f.SubmittedAt).FirstOrDefault(f => f.Matters.Any(m => m.Code == matter.Code)))).ToList())).ToList();
        return new ProjectDetailView(ProjectView.From(project), cases.Select(CaseSummaryView.From).ToList(), stages);
    }

    private static MatterCell Cell(Matter matter, bool prior, CaseSnapshot? snapshot)
    {
        if (snapshot is null) return new MatterCell(matter.Code, matter.Name, matter.Department, prior, null, null, null, null, null, null, null, []);
        var step = snapshot.Steps.LastOrDefault(s => s.Step.Matter == matter.Code)
            ?? snapshot.Steps.LastOrDefault(s => s.Step.Kind is StepKind.JointOpinion or StepKind.JointConsolidation && s.Step.Department == matter.Department);
        return new MatterCell(matter.Code, matter.Name, matter.Department, prior, snapshot.Id, snapshot.State, step?.Step.Id, step?.Step.State, step?.Step.Outcome,
            snapshot.Clocks, step?.Step.Clocks, snapshot.Materials.Where(m => m.MatterCode == matter.Code && !m.Present).ToList());
    }
}
