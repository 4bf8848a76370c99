using Workflow.Definitions.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Feedback;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Complaints;

/// <summary>
/// 投诉 (docs/feedback.md, Complaints): an agent's own complaints (to close), every complaint for supervisors and the
/// admin (to take, answer and close), paged, searched and filtered by the lists' parameters as the API
/// (<c>GET /api/complaints</c>; docs/api.md, *Lists*): bad ones are shown next to the filter form with status 400.
/// Other roles 403; another agent's complaint is 404.
/// </summary>
public sealed class IndexModel(FeedbackService feedback, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel, IListPager
{
    public ComplaintList List { get; private set; } = null!;
    public string? Message { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public ListParameters Parameters { get; private set; } = null!;
    public IReadOnlyDictionary<string, string[]> ListErrors { get; private set; } = new Dictionary<string, string[]>();
    public int TotalCount { get; private set; }
    public MatterCatalogue Catalogue => catalogue;
    public int CurrentPage => Parameters.Page;
    public int Pages => Parameters.PagesFor(TotalCount);

    [BindProperty] public string? Reply { get; set; }

    private UserRole? Role => AppClaims.RoleOf(User);
    private string UserName => AppClaims.UserNameOf(User) ?? "";
    private bool IsAgent => Role == UserRole.Agent;
    private bool MayHandle => Role is UserRole.Supervisor or UserRole.Admin;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!IsAgent && !MayHandle) return new ForbidResult();
        if (Request.Query.ContainsKey("done")) Message = Ui.T("已办理。", "Done.");
        await LoadAsync(ct);
        if (ListErrors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public Task<IActionResult> OnPostTakeAsync(long id, CancellationToken ct) =>
        ActAsync(MayHandle, () => feedback.TakeAsync(id, UserName, ct), ct);

    public Task<IActionResult> OnPostAnswerAsync(long id, CancellationToken ct) =>
        ActAsync(MayHandle, () => feedback.AnswerAsync(id, Reply, UserName, anyHandler: Role == UserRole.Admin, ct), ct);

    public Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct) =>
        ActAsync(IsAgent || MayHandle, () => feedback.CloseAsync(id, UserName, IsAgent ? UserName : null, ct), ct);

    private async Task<IActionResult> ActAsync(bool allowed, Func<Task<ComplaintRow?>> act, CancellationToken ct)
    {
        if (!allowed) return new ForbidResult();
        try
        {
            return await act() is null ? NotFound() : Redirect("/complaints?done=1");
        }
        catch (PermitRuleViolation e) { Errors = RuleTexts.Render(e, catalogue); Response.StatusCode = StatusCodes.Status422UnprocessableEntity; }
        catch (StepConflictException e) { Message = RuleTexts.Render(e.Reason, catalogue); Response.StatusCode = StatusCodes.Status409Conflict; }
        await LoadAsync(ct);
        return Page();
    }

    public string PageLink(int page) => $"/complaints?{ListParameters.QueryWithout(Request.Query, "page")}&page={page}";

    /// <summary>The states to filter by, in the page's language.</summary>
    public static IReadOnlyList<(string Value, string Label)> States =>
        Enum.GetValues<ComplaintState>().Select(s => (s.ToString(), ComplaintList.StateLabel(s))).ToList();

    private async Task LoadAsync(CancellationToken ct)
    {
        var (parameters, errors) = ListParameters.Read<ComplaintState>(Request.Query, catalogue, jurisdiction.Value.Zone, "level");
        (Parameters, ListErrors) = (parameters, errors);
        var found = errors.Count > 0 ? new ListPage<WithCaseNumber<ComplaintRow>>([], 0)
            : await feedback.ComplaintsAsync(IsAgent ? UserName : null, parameters.Filter, parameters.Page, parameters.PageSize, ct);
        TotalCount = found.TotalCount;
        List = new ComplaintList(found.Items, MayHandle, Role == UserRole.Admin, IsAgent, UserName);
    }
}
