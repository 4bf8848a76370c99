using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Feedback;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Complaints;

/// <summary>
/// 评价与投诉 of one case (docs/feedback.md): its agent rates each matter once the case is finished and files complaints
/// about a step or a department; supervisors and the admin read it. Another agent's case is 404, other roles 403.
/// </summary>
public sealed class CaseFeedbackModel(CaseQueries cases, FeedbackService feedback, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel
{
    public CaseSnapshot Case { get; private set; } = null!;
    public IReadOnlyList<RatingRow> Ratings { get; private set; } = [];
    public IReadOnlyList<ComplaintRow> Complaints { get; private set; } = [];
    public ComplaintList ComplaintList => new(Complaints.Select(c => new WithCaseNumber<ComplaintRow>(c, Case.CaseNumber)).ToList(), !IsAgent, AppClaims.RoleOf(User) == UserRole.Admin, IsAgent, AppClaims.UserNameOf(User) ?? "");
    /// <summary>The case's agent may rate and complain; supervisors only read.</summary>
    public bool IsAgent { get; private set; }
    public bool Finished => !Case.State.IsOpen();
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Message { get; private set; }
    public NodaTime.DateTimeZone Zone => jurisdiction.Value.Zone;
    public MatterCatalogue Catalogue => catalogue;

    [BindProperty] public string? Matter { get; set; }
    [BindProperty] public int? Stars { get; set; }
    [BindProperty] public string? Comment { get; set; }
    /// <summary>What a complaint is about: <c>step:{id}</c> or <c>department:{code}</c>.</summary>
    [BindProperty] public string? About { get; set; }
    [BindProperty] public string? Text { get; set; }

    /// <summary>The departments a complaint may name: the window and the case's steps' departments.</summary>
    public IReadOnlyList<string> Departments => Case.Steps.Select(s => s.Step.Department).Prepend(PermitActivity.FrontDesk).Distinct().ToList();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (Request.Query.ContainsKey("rated")) Message = Ui.T("评价已提交，谢谢！", "Thank you: your rating was recorded.");
        if (Request.Query.ContainsKey("filed")) Message = Ui.T("投诉已提交，监察人员将办理并答复。", "Your complaint was filed; a supervisor will handle and answer it.");
        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!IsAgent) return new ForbidResult();
        return await TryAsync(async () =>
        {
            if (Stars is null) throw PermitRuleViolation.For("stars", Ui.T("请选择 1 至 5 星", "Choose 1 to 5 stars"));
            await feedback.RateAsync(id, Matter, Stars.Value, Comment, Case.Agent, ct);
            return Redirect($"/cases/{id}/feedback?rated=1");
        });
    }

    public async Task<IActionResult> OnPostComplainAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (!IsAgent) return new ForbidResult();
        return await TryAsync(async () =>
        {
            var (stepId, department) = About?.Split(':', 2) is [var kind, var value] ? (kind == "step" ? (value, null) : (null, value)) : ((string?)null, (string?)null);
            await feedback.FileAsync(id, stepId, department, Text, Case.Agent, ct);
            return Redirect($"/cases/{id}/feedback?filed=1");
        });
    }

    private async Task<IActionResult> TryAsync(Func<Task<IActionResult>> act)
    {
        try { return await act(); }
        catch (PermitRuleViolation e) { Errors = RuleTexts.Render(e, catalogue); Response.StatusCode = StatusCodes.Status422UnprocessableEntity; }
        catch (StepConflictException e) { Message = RuleTexts.Render(e.Reason, catalogue); Response.StatusCode = StatusCodes.Status409Conflict; }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (access.Role is not (UserRole.Agent or UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        if (await cases.FindAsync(id, ct) is not { } snapshot || access.SeeCase(snapshot) != AccessDecision.Allowed) return NotFound();
        Case = snapshot;
        IsAgent = access.Role == UserRole.Agent;
        Ratings = await feedback.RatingsAsync(id, null, ct) ?? [];
        Complaints = await feedback.ComplaintsOfCaseAsync(id, IsAgent ? access.UserName : null, ct);
        return null;
    }
}
