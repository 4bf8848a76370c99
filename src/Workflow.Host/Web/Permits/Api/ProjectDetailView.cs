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

    /// <summary>The grid of <paramref name="project"/> from its tracker (projection rows only), all read at one instant.</summary>
    public static ProjectDetailView From(ProjectRow project, ProjectTrack track, MatterCatalogue catalogue)
    {
        var prior = project.PriorApprovals.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var stages = catalogue.Stages.Select(stage => new StageColumn(stage.Stage, stage.Name, stage.LeadDepartment,
            catalogue.MattersOf(stage.Stage).Select(matter => Cell(matter, prior.Contains(matter.Code), ProjectTracker.LatestOf(track.Cases, matter))).ToList())).ToList();
        return new ProjectDetailView(ProjectView.From(project), track.Cases.Select(c => CaseSummaryView.From(c.Summary)).ToList(), stages);
    }

    private static MatterCell Cell(Matter matter, bool prior, ProjectCase? @case)
    {
        if (@case is null) return new MatterCell(matter.Code, matter.Name, matter.Department, prior, null, null, null, null, null, null, null, []);
        var step = @case.Steps.LastOrDefault(s => s.Matter == matter.Code)
            ?? @case.Steps.LastOrDefault(s => s.Kind is StepKind.JointOpinion or StepKind.JointConsolidation && s.Department == matter.Department);
        return new MatterCell(matter.Code, matter.Name, matter.Department, prior, @case.Id, @case.Summary.State, step?.Id, step?.State, step?.Outcome,
            @case.Summary.Clocks, step?.Clocks, @case.Owed.Where(o => o.Source == OwedSource.Missing && o.Matter == matter.Code)
                .Select(o => new MaterialRecord(o.Code, o.Name, matter.Code, false, o.SubmittedAt)).ToList());
    }
}
