using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Audit;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Audit;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Cases;

/// <summary>
/// A case's whole audit trail (docs/audit.md), 50 a page, searched and filtered by actor, action and dates as the API
/// (<c>GET /api/cases/{id}/audit</c>; docs/api.md, *Lists*): bad parameters are shown by the form with status 400. As the
/// API: the supervisor and admin; others who see the case 403, the rest 404.
/// </summary>
public sealed class AuditModel(CaseQueries cases, AuditTrail audit, MatterCatalogue catalogue, Microsoft.Extensions.Options.IOptions<Workflow.Host.Web.Json.JurisdictionOptions> jurisdiction)
    : LocalizedPageModel, IListPager
{
    public const int PageSize = 50;

    public CaseSnapshot Case { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public ListParameters Parameters { get; private set; } = null!;
    public string? Actor { get; private set; }
    public string? Action { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public int TotalCount { get; private set; }
    public int CurrentPage => Parameters.Page;
    public int Pages => Parameters.PagesFor(TotalCount);

    public string PageLink(int page) => $"/cases/{Case.Id}/audit?{ListParameters.QueryWithout(Request.Query, "page")}&page={page}";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (await cases.FindAsync(id, ct) is not { } found) return NotFound();
        if (PageAccess.Deny(AuditEndpoints.ReadAudit(access, found)) is { } denied) return denied;
        Case = found;
        var (parameters, actor, action, errors) = AuditEndpoints.ReadParameters(Request.Query, catalogue, jurisdiction.Value.Zone);
        if (!Request.Query.ContainsKey("pageSize")) parameters = parameters with { PageSize = PageSize };
        (Parameters, Actor, Action, Errors) = (parameters, actor, action, errors);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var page = await audit.PageAsync(id, parameters.Filter, actor, action, parameters.Page, parameters.PageSize, ct);
        (Entries, TotalCount) = (page.Items, page.TotalCount);
        return Page();
    }
}
