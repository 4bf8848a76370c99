using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Tracking;

namespace Workflow.Host.Pages.Projects;

/// <summary>
/// One project's tracker: the four stages × their matters, each cell coloured by how the matter stands, with the
/// department holding it, both clocks and what is missing; links to each stage's cases and to apply for a stage.
/// 404 for another agent's project.
/// </summary>
public sealed class ProjectModel(PermitService permits, IClock clock) : LocalizedPageModel
{
    public ProjectRow Project { get; private set; } = null!;

    public IReadOnlyList<StageRow> Stages { get; private set; } = [];

    public IReadOnlyList<CaseFile> Cases { get; private set; } = [];

    public bool MayApply { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => permits.Catalogue;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (PageAccess.Deny(access.ListProjects()) is { } forbidden) return forbidden;
        if (await permits.FindProjectAsync(id, ct) is not { } project) return NotFound();
        if (PageAccess.Deny(access.SeeProject(project)) is { } denied) return denied;
        Project = project;
        MayApply = access.Apply(project) == AccessDecision.Allowed;
        var cases = new List<CaseFile>();
        foreach (var row in await permits.CasesOfProjectAsync(id, ct))
            if (await permits.GetCaseAsync(row.Id, ct) is { } found)
                cases.Add(found.File);
        Cases = cases;
        Stages = ProjectGrid.Build(permits.Catalogue, cases, permits.CalendarOf, clock.GetCurrentInstant());
        return Page();
    }

    /// <summary>Whether the stage has a case that is still open (a new application for it would be refused).</summary>
    public bool HasOpenCase(StageRow row) => Cases.Any(c => c.Stage == row.Stage.Stage
        && c.State is CaseState.Submitted or CaseState.WaitingForSupplement or CaseState.InReview or CaseState.AwaitingCommitments);
}
