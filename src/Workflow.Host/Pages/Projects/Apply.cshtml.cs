using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Definitions;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;
using Workflow.Definitions.Filing;

namespace Workflow.Host.Pages.Projects;

/// <summary>
/// Applying for one stage of a project: the stage's matters to choose and the checklist of their materials (core or
/// waivable) handed in. Filing starts the stage workflow; the agent then lands on the new case. Materials ticked for
/// a matter that was not chosen are left out rather than refused, since they belong to no applied matter.
/// </summary>
public sealed class ApplyModel(MatterCatalogue catalogue, ApplicationDesk applications, ProjectQueries projects) : LocalizedPageModel
{
    public ProjectRow Project { get; private set; } = null!;

    public StageDefinition Stage { get; private set; } = null!;

    public IReadOnlyList<Matter> Matters { get; private set; } = [];

    [BindProperty]
    public List<string>? ChosenMatters { get; set; }

    [BindProperty]
    public List<string>? Materials { get; set; }

    /// <summary>True on the first showing: everything is ticked.</summary>
    public bool Fresh { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public MatterCatalogue Catalogue => catalogue;

    /// <summary>The stage's materials, each once (shared ones such as the application form under the first matter needing them), with the matters needing it.</summary>
    public IReadOnlyList<(MaterialRequirement Material, IReadOnlyList<string> Matters)> Checklist =>
        Matters.SelectMany(m => m.Materials.Select(x => (Material: x, Matter: m.Code)))
            .GroupBy(x => x.Material.Code)
            .Select(g => (g.First().Material, (IReadOnlyList<string>)g.Select(x => x.Matter).ToList()))
            .ToList();

    public bool IsChosen(string matter) => Fresh || ChosenMatters?.Contains(matter) == true;

    public bool IsTicked(string material) => Fresh || Materials?.Contains(material) == true;

    public async Task<IActionResult> OnGetAsync(string id, int stage, CancellationToken ct)
    {
        if (await LoadAsync(id, stage, ct) is { } denied) return denied;
        Fresh = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, int stage, CancellationToken ct)
    {
        if (await LoadAsync(id, stage, ct) is { } denied) return denied;
        var chosen = (ChosenMatters ?? []).Distinct().ToList();
        if (chosen.Count == 0)
        {
            Errors = new Dictionary<string, string[]> { ["matters"] = [Ui("请至少选择一个事项", "choose at least one matter")] };
        }
        else
        {
            var ofChosen = Matters.Where(m => chosen.Contains(m.Code)).SelectMany(m => m.Materials).Select(m => m.Code).ToHashSet();
            try
            {
                var file = await applications.ApplyAsync(Project, new NewApplication(Stage.Stage, chosen, (Materials ?? []).Where(ofChosen.Contains).Distinct().ToList()), ct);
                return Redirect($"/cases/{file.CaseId}");
            }
            catch (PermitRuleViolation e)
            {
                Errors = RuleTexts.Render(e, catalogue);
            }
            catch (Workflow.Definitions.Bindings.StageUnavailableException e)
            {
                Errors = new Dictionary<string, string[]> { ["stage"] = [Ui(e.Describe().Zh, e.Describe().En)] };
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static string Ui(string chinese, string english) => Web.Localization.Ui.T(chinese, english);

    private async Task<IActionResult?> LoadAsync(string id, int stage, CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (PageAccess.Deny(access.CreateProject()) is { } forbidden) return forbidden;
        if (await projects.FindAsync(id, ct) is not { } project) return NotFound();
        if (PageAccess.Deny(access.Apply(project)) is { } denied) return denied;
        if (catalogue.Stages.FirstOrDefault(s => (int)s.Stage == stage) is not { } definition) return NotFound();
        Project = project;
        Stage = definition;
        Matters = catalogue.MattersOf(definition.Stage).ToList();
        return null;
    }
}
