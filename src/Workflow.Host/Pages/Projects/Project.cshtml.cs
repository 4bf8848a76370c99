using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Projects;

/// <summary>
/// One project's tracker: the four stages × their matters, each cell coloured by how the matter stands, with the
/// department holding it, both clocks and what is missing; links to each stage's cases and to apply for a stage.
/// 404 for another agent's project. The grid is <see cref="ProjectTracker"/>'s, read from the projection rows in a
/// constant number of queries (<see cref="ProjectQueries.TrackAsync"/>).
/// </summary>
public sealed class ProjectModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, ProjectQueries projects) : LocalizedPageModel
{
    public ProjectRow Project { get; private set; } = null!;

    public IReadOnlyList<StageRow> Stages { get; private set; } = [];

    public IReadOnlyList<ProjectCase> Cases { get; private set; } = [];

    public bool MayApply { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (PageAccess.Deny(access.ListProjects()) is { } forbidden) return forbidden;
        if (await projects.FindAsync(id, ct) is not { } project) return NotFound();
        if (PageAccess.Deny(access.SeeProject(project)) is { } denied) return denied;
        Project = project;
        MayApply = access.Apply(project) == AccessDecision.Allowed;
        var track = await projects.TrackAsync(id, ct);
        Cases = track.Cases;
        Stages = track.Stages;
        return Page();
    }

    /// <summary>Whether the stage has a case that is still open (a new application for it would be refused).</summary>
    public bool HasOpenCase(StageRow row) => Cases.Any(c => c.Stage == row.Stage.Stage && c.IsOpen);
}
