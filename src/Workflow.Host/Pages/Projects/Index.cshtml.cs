using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Projects;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Permits;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages.Projects;

/// <summary>
/// The agent's projects (the supervisor and admin see all), paged, searched, filtered and sorted by the lists' parameters
/// as the API (<c>GET /api/projects</c>; docs/api.md, *Lists*; bad ones are shown by the filter form with status 400),
/// with the form that registers a new project. Other roles get 403.
/// </summary>
public sealed class IndexModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, ProjectRegistry registry, ProjectQueries projects,
    Microsoft.Extensions.Options.IOptions<Workflow.Host.Web.Json.JurisdictionOptions> jurisdiction) : LocalizedPageModel, IListPager
{
    public ListParameters Parameters { get; private set; } = null!;

    /// <summary>The list parameters' errors, by parameter (shown by the filter form).</summary>
    public IReadOnlyDictionary<string, string[]> ListErrors { get; private set; } = new Dictionary<string, string[]>();

    public int CurrentPage => Parameters.Page;

    public int Pages => Parameters.PagesFor(TotalCount);

    public string PageLink(int page) => $"/projects?{ListParameters.QueryWithout(Request.Query, "page")}&page={page}";

    [BindProperty]
    public ProjectForm Form { get; set; } = new();

    public IReadOnlyList<ProjectListItem> Projects { get; private set; } = [];

    public int TotalCount { get; private set; }

    public bool MayCreate { get; private set; }

    /// <summary>Errors of the create form, by field (<c>code</c>, <c>name</c>, <c>enterprise</c>, <c>priorApprovals</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (PageAccess.Deny(access.ListProjects()) is { } denied) return denied;
        await LoadAsync(access, ct);
        if (ListErrors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (PageAccess.Deny(access.CreateProject()) is { } denied) return denied;
        if (!Enum.TryParse<ProjectKind>(Form.Kind, out var kind))
        {
            Errors = new Dictionary<string, string[]> { ["kind"] = [$"unknown project kind '{Form.Kind}'"] };
        }
        else
        {
            try
            {
                var project = await registry.CreateProjectAsync(
                    new NewProject(Form.Code ?? "", Form.Name ?? "", Form.Enterprise ?? "", kind, Form.GreenChannel, Form.PriorApprovals ?? []), access.UserName, ct);
                return Redirect($"/projects/{project.Id}");
            }
            catch (PermitRuleViolation e)
            {
                Errors = RuleTexts.Render(e, catalogue);
            }
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(access, ct);
        return Page();
    }

    private async Task LoadAsync(CaseAccess access, CancellationToken ct)
    {
        MayCreate = access.CreateProject() == AccessDecision.Allowed;
        var (parameters, errors) = ListParameters.Read(Request.Query, catalogue, jurisdiction.Value.Zone, caseStates: true);
        (Parameters, ListErrors) = (parameters.SortedByDefault(Request.Query, ListSort.Newest), errors);
        if (errors.Count > 0) return;
        var (items, total) = await projects.ListAsync(access.Role == UserRole.Agent ? access.UserName : null, Parameters.Filter, Parameters.Page, Parameters.PageSize, ct);
        TotalCount = total;
        Projects = items;
    }

    /// <summary>The create-project form.</summary>
    public sealed class ProjectForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Enterprise { get; set; }
        public string? Kind { get; set; } = nameof(ProjectKind.EnterpriseInvested);
        public bool GreenChannel { get; set; }
        public List<string>? PriorApprovals { get; set; }
    }
}
