using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Notifications;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Notifications;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Notifications;

/// <summary>
/// The signed-in user's notifications (通知中心), newest first, with mark read and mark all read (docs/supervision.md,
/// Notifications); paged, searched and filtered by the lists' parameters as the API (<c>GET /api/notifications</c>;
/// docs/api.md, *Lists*): bad ones are shown by the filter form with status 400.
/// </summary>
[Authorize]
public sealed class IndexModel(NotificationCentre centre, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction) : LocalizedPageModel, IListPager
{
    public const int PageSize = 50;

    public IReadOnlyList<(WithCaseNumber<NotificationItem> Item, string Text)> Items { get; private set; } = [];
    public ListParameters Parameters { get; private set; } = null!;
    public string? Kind { get; private set; }
    public IReadOnlyDictionary<string, string[]> ListErrors { get; private set; } = new Dictionary<string, string[]>();
    public int TotalCount { get; private set; }
    public int CurrentPage => Parameters.Page;
    public int Pages => Parameters.PagesFor(TotalCount);
    public MatterCatalogue Catalogue => catalogue;
    public NodaTime.DateTimeZone Zone => jurisdiction.Value.Zone;

    /// <summary>The states to filter by, in the page's language.</summary>
    public static IReadOnlyList<(string Value, string Label)> States =>
        [(nameof(NotificationState.Unread), Ui.T("未读", "Unread")), (nameof(NotificationState.Read), Ui.T("已读", "Read"))];

    /// <summary>The kinds to filter by, in the page's language.</summary>
    public static IReadOnlyList<(string Value, string Label)> Kinds => NotificationKinds.All.Select(k => (k, NotificationText.KindName(k))).ToList();

    public string PageLink(int page) => $"/notifications?{ListParameters.QueryWithout(Request.Query, "page")}&page={page}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (parameters, kind, errors) = NotificationEndpoints.ReadParameters<NotificationState>(Request.Query, catalogue, Zone);
        if (!Request.Query.ContainsKey("pageSize")) parameters = parameters with { PageSize = PageSize };
        (Parameters, Kind, ListErrors) = (parameters, kind, errors);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var reader = NotificationReader.Of(User);
        var found = await centre.PageAsync(reader.Audiences, reader.Name, parameters.Filter, kind, parameters.Page, parameters.PageSize, ct);
        TotalCount = found.TotalCount;
        Items = found.Items.Select(i => (i, NotificationText.Of(i.Row, catalogue, Zone))).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(long id, CancellationToken ct)
    {
        var reader = NotificationReader.Of(User);
        return await centre.MarkReadAsync(id, reader.Audiences, reader.Name, ct) ? Redirect(Back()) : NotFound();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var reader = NotificationReader.Of(User);
        await centre.MarkAllReadAsync(reader.Audiences, reader.Name, ct);
        return Redirect(Back());
    }

    /// <summary>
    /// Where a form on the list posts: the list's own query (filters, page) travels with the handler, so that after marking
    /// read the user is back on the list as it was shown, not on its first unfiltered page.
    /// </summary>
    public string PostTo(string handler, long? id = null) =>
        $"/notifications?{ListParameters.QueryWithout(Request.Query, "handler", "id")}&handler={handler}" + (id is { } i ? $"&id={i}" : "");

    // Back to the list as it was shown (its filters and page), without the handler and the id of the form's post.
    private string Back() => "/notifications?" + ListParameters.QueryWithout(Request.Query, "handler", "id");
}
