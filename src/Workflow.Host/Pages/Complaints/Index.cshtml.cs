using Workflow.Definitions.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Feedback;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages.Complaints;

/// <summary>
/// 投诉 (docs/feedback.md, Complaints): an agent's own complaints (to close), every complaint for supervisors and the
/// admin (to take, answer and close), filtered by state. Other roles 403; another agent's complaint is 404.
/// </summary>
public sealed class IndexModel(FeedbackService feedback, MatterCatalogue catalogue) : LocalizedPageModel
{
    public ComplaintList List { get; private set; } = null!;
    public string? Message { get; private set; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty(SupportsGet = true)] public ComplaintState? State { get; set; }
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

    private async Task LoadAsync(CancellationToken ct) =>
        List = new ComplaintList(await feedback.ComplaintsAsync(IsAgent ? UserName : null, State, ct), MayHandle, Role == UserRole.Admin, IsAgent, UserName);
}
