using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Supervision;

/// <summary>
/// The supervisor's overview (效能监察): every open step grouped by department, with how many are on time, in
/// warning, overdue and waiting for the applicant, then the warning and overdue steps themselves, paged, searchable and
/// filtered with the lists' parameters (docs/api.md, *Lists*; the API's <c>GET /api/supervision/open</c>); bad parameters
/// are shown next to the filter form with status 400. Supervisor and admin only (403 otherwise); read only. The counting
/// is <see cref="InboxQueries.OverviewAsync(StepListFilter, int, int, CancellationToken)"/>'s.
/// </summary>
public sealed class IndexModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, InboxQueries inboxes, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel, IListPager
{
    public IReadOnlyList<DepartmentLoad> Departments { get; private set; } = [];

    /// <summary>Open steps in warning or overdue, worst first.</summary>
    public IReadOnlyList<InboxEntry> Attention { get; private set; } = [];

    /// <summary>How many open steps in warning or overdue the filter keeps; <see cref="Attention"/> shows one page of them.</summary>
    public int AttentionCount { get; private set; }

    /// <summary>The attention list's parameters as read (search, department, level, stage, green channel, sort, page).</summary>
    public ListParameters Parameters { get; private set; } = new(StepListFilter.None, 1, AttentionPageSize);

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Steps per page of the attention list.</summary>
    public const int AttentionPageSize = 50; // as an inbox page: the page stays small at any scale (docs/supervision.md, "Counting at scale")

    public int TotalCount { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    public int CurrentPage => Parameters.Page;

    public int Pages => Math.Max(1, (AttentionCount + Parameters.PageSize - 1) / Parameters.PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct = default)
    {
        var access = new CaseAccess(User);
        if (access.Role is not (UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        var (parameters, errors) = ListParameters.Read(Request.Query, catalogue, jurisdiction.Value.Zone);
        Parameters = Request.Query.ContainsKey("pageSize") ? parameters : parameters with { PageSize = AttentionPageSize };
        Errors = errors;
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var overview = await inboxes.OverviewAsync(Parameters.Filter, Parameters.Page, Parameters.PageSize, ct);
        AttentionCount = overview.AttentionCount;
        TotalCount = overview.TotalCount;
        Departments = overview.Departments;
        Attention = overview.Attention;
        return Page();
    }

    public string PageLink(int page) => $"/supervision?{ListParameters.QueryWithout(Request.Query, "page")}&page={page}";
}
