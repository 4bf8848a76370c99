using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Notifications;
using Workflow.Host.Web.Notifications.Delivery;
using Workflow.Host.Web.Permits;

namespace Workflow.Host.Pages.Notifications;

/// <summary>
/// The e-mail outbox for the admin: whether SMTP is on, the counts, and the messages, 50 a page, searched and filtered by
/// the lists' parameters as the API (<c>GET /api/notifications/outbox</c>; docs/api.md, *Lists*; docs/notifications.md, E-mail).
/// </summary>
[Authorize(Policy = AccessPolicies.Administer)]
public sealed class OutboxModel(EmailOutbox outbox, IOptions<SmtpOptions> smtp, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction)
    : LocalizedPageModel, IListPager
{
    public OutboxCounts Counts { get; private set; } = new(0, 0, 0);
    public IReadOnlyList<WithCaseNumber<OutboxMessageRow>> Messages { get; private set; } = [];
    public ListParameters Parameters { get; private set; } = null!;
    public string? Kind { get; private set; }
    public IReadOnlyDictionary<string, string[]> ListErrors { get; private set; } = new Dictionary<string, string[]>();
    public int TotalCount { get; private set; }
    public int CurrentPage => Parameters.Page;
    public int Pages => Parameters.PagesFor(TotalCount);
    public bool Enabled => smtp.Value.Enabled;
    public MatterCatalogue Catalogue => catalogue;
    public NodaTime.DateTimeZone Zone => jurisdiction.Value.Zone;

    /// <summary>The states to filter by, in the page's language.</summary>
    public static IReadOnlyList<(string Value, string Label)> States => Enum.GetValues<OutboxState>().Select(s => (s.ToString(), StateLabel(s))).ToList();

    public static string StateLabel(OutboxState state) => state switch
    {
        OutboxState.Waiting => Ui.T("待发送", "Waiting"),
        OutboxState.Retrying => Ui.T("重试中", "Retrying"),
        OutboxState.Sent => Ui.T("已发送", "Sent"),
        _ => Ui.T("已放弃", "Given up"),
    };

    public string PageLink(int page) => $"/notifications/outbox?{ListParameters.QueryWithout(Request.Query, "page")}&page={page}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Counts = await outbox.CountsAsync(ct);
        var (parameters, kind, errors) = NotificationEndpoints.ReadParameters<OutboxState>(Request.Query, catalogue, Zone);
        if (!Request.Query.ContainsKey("pageSize")) parameters = parameters with { PageSize = IndexModel.PageSize };
        (Parameters, Kind, ListErrors) = (parameters, kind, errors);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var found = await outbox.PageAsync(parameters.Filter, kind, parameters.Page, parameters.PageSize, ct);
        (Messages, TotalCount) = (found.Items, found.TotalCount);
        return Page();
    }
}
