using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions;
using Workflow.Definitions.Messages;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Supervision;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Supervision;
using Workflow.Host.Web.Permits;
using Workflow.Definitions.Tracking;

namespace Workflow.Host.Pages.Supervision;

/// <summary>
/// 督办单 (docs/supervision.md, Urging notices): the supervisor issues notices on overdue steps and reads the replies; a
/// reviewer sees their department's notices and replies. Paged, searched and filtered by the lists' parameters as the
/// API (<c>GET /api/supervision/urgings</c>; docs/api.md, *Lists*); bad ones are shown by the filter form with status 400.
/// Other roles 403.
/// </summary>
public sealed class UrgingsModel(UrgingService urgings, InboxQueries inboxes, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel, IListPager
{
    /// <summary>How many overdue steps the issue form offers at most, the most overdue first.</summary>
    public const int MaxChoices = 200;

    /// <summary>
    /// The steps a notice may be issued on (open and overdue; docs/supervision.md, Urging notices), the most overdue first:
    /// the supervisor chooses one instead of typing its id. A step named by the link (<c>?step=</c>, from the drill-down)
    /// is chosen already.
    /// </summary>
    public IReadOnlyList<InboxEntry> Urgeable { get; private set; } = [];

    /// <summary>How many steps are overdue in all (more than <see cref="Urgeable"/> holds when over <see cref="MaxChoices"/>).</summary>
    public int UrgeableCount { get; private set; }

    public IReadOnlyList<WithCaseNumber<UrgingRow>> Notices { get; private set; } = [];
    public ListParameters Parameters { get; private set; } = null!;
    public IReadOnlyDictionary<string, string[]> ListErrors { get; private set; } = new Dictionary<string, string[]>();
    public int TotalCount { get; private set; }
    public bool IsReviewer { get; private set; }
    public int CurrentPage => Parameters.Page;
    public int Pages => Parameters.PagesFor(TotalCount);

    public string PageLink(int page) => $"/supervision/urgings?{ListParameters.QueryWithout(Request.Query, "page")}&page={page}";

    /// <summary>The states to filter by, in the page's language.</summary>
    public static IReadOnlyList<(string Value, string Label)> States =>
        [(nameof(UrgingState.Awaiting), Ui.T("待回复", "Awaiting reply")), (nameof(UrgingState.Replied), Ui.T("已回复", "Replied"))];
    public bool MayIssue { get; private set; }
    public bool MayReply { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }
    public NodaTime.DateTimeZone Zone => jurisdiction.Value.Zone;
    public MatterCatalogue Catalogue => catalogue;

    [BindProperty(SupportsGet = true)] public string? Step { get; set; }

    /// <summary>
    /// Narrows the overdue steps offered to those whose case matches (case number, project code or name, enterprise,
    /// matter; <c>?case=</c>, set by the urge links of the supervision list and the case page), so a case's steps can be
    /// chosen when more than <see cref="MaxChoices"/> are overdue.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "case")] public string? CaseSearch { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? ReplyDue { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (ListErrors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (!MayIssue) return new ForbidResult();
        var due = UrgingEndpoints.ReplyDue(ReplyDue, Zone);
        try
        {
            if (due is null) throw new PermitRuleViolation(new Dictionary<string, RuleMessage[]> { ["replyDue"] = [new(RuleCodes.UrgingReplyDueRequired)] });
            if (await urgings.IssueAsync(Step ?? "", Text ?? "", due.Value, AppClaims.UserNameOf(User) ?? "", ct) is null)
                throw PermitRuleViolation.For("stepId", RuleCodes.StepNotFound);
            return Redirect("/supervision/urgings?issued=1");
        }
        catch (PermitRuleViolation e)
        {
            Errors = RuleTexts.Render(e, catalogue);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostReplyAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (!MayReply) return new ForbidResult();
        try
        {
            var department = AppClaims.RoleOf(User) == UserRole.Reviewer ? AppClaims.DepartmentOf(User) ?? "-" : null;
            if (await urgings.ReplyAsync(id, Text ?? "", AppClaims.UserNameOf(User) ?? "", department, ct) is null) return NotFound();
            return Redirect("/supervision/urgings?replied=1");
        }
        catch (PermitRuleViolation e)
        {
            Errors = RuleTexts.Render(e, catalogue);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (StepConflictException e)
        {
            Message = RuleTexts.Render(e.Reason, catalogue);
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var role = AppClaims.RoleOf(User);
        if (role is not (UserRole.Reviewer or UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        MayIssue = role is UserRole.Supervisor or UserRole.Admin;
        if (MayIssue)
        {
            if (CaseSearch?.Length > ListParameters.MaxSearchLength)
            {
                Errors = new Dictionary<string, string[]> { ["case"] = [RuleTexts.Render(new RuleMessage(RuleCodes.TextTooLong, ListParameters.MaxSearchLength), catalogue)] };
                CaseSearch = null;
            }
            var overdue = await inboxes.OverviewAsync(new StepListFilter(Search: CaseSearch, Level: Workflow.Engine.Calendar.DeadlineLevel.Overdue), 1, MaxChoices, ct);
            (Urgeable, UrgeableCount) = (overdue.Attention, overdue.AttentionCount);
        }
        MayReply = role is UserRole.Reviewer or UserRole.Admin;
        IsReviewer = role == UserRole.Reviewer;
        var (parameters, errors) = ListParameters.Read<UrgingState>(Request.Query, catalogue, Zone, "level");
        (Parameters, ListErrors) = (parameters, errors);
        var found = errors.Count > 0 ? new ListPage<WithCaseNumber<UrgingRow>>([], 0)
            : await urgings.ListAsync(IsReviewer ? AppClaims.DepartmentOf(User) ?? "-" : null, parameters.Filter, parameters.Page, parameters.PageSize, ct);
        (Notices, TotalCount) = (found.Items, found.TotalCount);
        if (Request.Query.ContainsKey("issued")) Message = Ui.T("督办单已发出。", "The urging notice was issued.");
        if (Request.Query.ContainsKey("replied")) Message = Ui.T("已回复。", "Replied.");
        return null;
    }
}
