using Microsoft.AspNetCore.Mvc;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Feeds;
using Workflow.Host.Web.Feeds;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages.Feeds;

/// <summary>
/// 日历订阅 (docs/ledger-and-feeds.md, Deadline calendar feeds): make a subscription URL for the caller's deadlines (an
/// agent's cases, a reviewer's or the window's department, any department for supervisors), see it once, revoke it.
/// </summary>
public sealed class IndexModel(FeedTokens tokens, MatterCatalogue catalogue) : LocalizedPageModel
{
    public IReadOnlyList<FeedTokenRow> Tokens { get; private set; } = [];
    /// <summary>The URL just made: shown once, never again (only its hash is kept).</summary>
    public string? NewUrl { get; private set; }
    public string? Message { get; private set; }
    public bool ChoosesDepartment { get; private set; }
    public MatterCatalogue Catalogue => catalogue;

    [BindProperty] public string? Department { get; set; }
    [BindProperty] public string? Label { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (FeedEndpoints.OwnerFor(User, Department, catalogue) is not { } owner)
        {
            Message = Ui.T("请选择部门。", "Choose a department.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        if (Label?.Length > Workflow.Definitions.Messages.InputLimits.FeedLabel)
        {
            Message = FeedEndpoints.LabelTooLong; // refused whole, as in the API: a cut label would store what nobody wrote
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var made = await tokens.CreateAsync(owner.Scope, owner.Owner, Workflow.Host.Web.Access.AppClaims.UserNameOf(User) ?? "", Label, ct);
        NewUrl = FeedEndpoints.UrlOf(Request, made.Token);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied) return denied;
        if (!await tokens.RevokeAsync(id, FeedEndpoints.VisibleTo(User)!, ct)) return NotFound();
        Message = Ui.T("已撤销：该订阅地址不再可用。", "Revoked: that URL no longer works.");
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (FeedEndpoints.VisibleTo(User) is not { } whose) return new ForbidResult();
        ChoosesDepartment = whose.CreatedBy is not null;
        Tokens = await tokens.ListAsync(whose, ct);
        return null;
    }
}
