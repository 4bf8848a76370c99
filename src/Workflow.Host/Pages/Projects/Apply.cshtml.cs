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
/// a matter that was not chosen are left out rather than refused, since they belong to no applied matter. A file may be
/// attached to each material (input <c>file-CODE</c>): the files are checked before filing (type by content, size), a
/// material with a file counts as handed in, and each file becomes the material's first version (docs/materials.md).
/// </summary>
public sealed class ApplyModel(MatterCatalogue catalogue, ApplicationDesk applications, ProjectQueries projects, Workflow.Definitions.MaterialFiles.MaterialFiles files,
    Workflow.Definitions.Intake.IntakeWaiverPolicy waivers) : LocalizedPageModel
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

    /// <summary>The matters whose intake may accept with waiver (the bound workflow's intake says so).</summary>
    public IReadOnlySet<string> WaivingMatters { get; private set; } = new HashSet<string>();

    /// <summary>A waivable material is 可容缺 only when a matter needing it goes to an intake that can waive it.</summary>
    public bool MayWaive(MaterialRequirement material, IReadOnlyList<string> matters) =>
        material.Kind == MaterialKind.Waivable && matters.Any(WaivingMatters.Contains);

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
            var (attached, fileErrors) = await ReadAttachedAsync(ofChosen, ct);
            if (fileErrors.Count > 0)
            {
                Errors = fileErrors;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            }
            try
            {
                var handedIn = (Materials ?? []).Where(ofChosen.Contains).Concat(attached.Select(a => a.Code)).Distinct().ToList();
                var file = await applications.ApplyAsync(Project, new NewApplication(Stage.Stage, chosen, handedIn), ct);
                var by = new CaseAccess(User).UserName;
                foreach (var (code, name, content) in attached)
                    await files.UploadAsync(file, code, name, new MemoryStream(content), by, ct);
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

    /// <summary>The field of the file input of material <paramref name="code"/>, and the key of its errors.</summary>
    public static string FileField(string code) => "file-" + code;

    /// <summary>The files attached to materials of the chosen matters, each checked; the refused ones as errors keyed by their input.</summary>
    private async Task<(List<(string Code, string Name, byte[] Content)> Attached, Dictionary<string, string[]> Errors)> ReadAttachedAsync(IReadOnlySet<string> ofChosen, CancellationToken ct)
    {
        var attached = new List<(string, string, byte[])>();
        var errors = new Dictionary<string, string[]>();
        if (!Request.HasFormContentType) return (attached, errors);
        foreach (var upload in Request.Form.Files.Where(f => f.Length > 0))
        {
            var code = upload.Name.StartsWith("file-", StringComparison.Ordinal) ? upload.Name["file-".Length..] : "";
            if (!ofChosen.Contains(code)) continue;
            try
            {
                await using var stream = upload.OpenReadStream();
                attached.Add((code, upload.FileName, (await files.ReadCheckedAsync(stream, ct)).Content));
            }
            catch (PermitRuleViolation e)
            {
                errors[FileField(code)] = RuleTexts.Render(e, catalogue).Values.SelectMany(v => v).ToArray();
            }
        }
        return (attached, errors);
    }

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
        WaivingMatters = await waivers.MattersAllowingWaiverAsync(project, definition.Stage, Matters.Select(m => m.Code), ct);
        return null;
    }
}
