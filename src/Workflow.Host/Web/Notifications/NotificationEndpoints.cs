using Workflow.Host.Web.OpenApi;
using Workflow.Host.Web.Localization;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.NotificationDelivery;
using Workflow.Definitions.Notifications;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Web.Notifications;

/// <summary>One notification in the API: what happened (<c>kind</c>, <c>data</c>), its text in the caller's language, whether read, its case's number.</summary>
public sealed record NotificationView(long Id, string Kind, string Text, string? CaseId, string? CaseNumber, string? StepId, IReadOnlyDictionary<string, string> Data, Instant CreatedAt, bool Read);

/// <summary>One page of the caller's notifications (<c>{items, totalCount, page, pageSize}</c> as every list) and how many of all are unread.</summary>
public sealed record NotificationList(IReadOnlyList<NotificationView> Items, int TotalCount, int Page, int PageSize, int Unread);

/// <summary>
/// The notification centre's API (docs/api.md, Notifications): <c>GET /api/notifications</c>, <c>POST
/// /api/notifications/{id}/read</c>, <c>POST /api/notifications/read</c> (all). Every signed-in role has one; each
/// sees the notifications of its audiences only (<see cref="NotificationReader"/>); another's is 404.
/// </summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(AccessPolicies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapGet("", ListAsync).WithName("Notifications").WithListStates<NotificationState, RouteHandlerBuilder>().ProducesValidationProblem()
            .WithSummary("The caller's notifications, newest first, paged: `{items, totalCount, page, pageSize, unread}`.")
            .WithDescription("The lists' parameters (docs/api.md, Lists): `?search=` (case number or id, project code or name, enterprise, matter), " +
                "`?state=Unread|Read`, `?kind=` (a notification kind, docs/notifications.md), `?stage=`, `?greenChannel=`, `?from=&to=` (dates, yyyy-MM-dd, both included), " +
                "`?sort=due|newest|oldest` (due: newest first), `?page=1&pageSize=50`. A bad value, or `level`, `department`, `take`, `before`, is 400 naming it.");
        api.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Marks one notification read (404: not the caller's).");
        api.MapPost("/read", MarkAllReadAsync).WithName("MarkAllNotificationsRead").WithSummary("Marks every notification of the caller read.");
        api.MapGet("/settings", GetSettingsAsync).WithName("NotificationSettings")
            .WithSummary("The caller's preferences: which kinds also come by e-mail, to which address, in which language (docs/notifications.md).");
        api.MapPut("/settings", PutSettingsAsync).WithName("SaveNotificationSettings")
            .WithSummary("Saves the caller's preferences; a field error is a 400 problem naming the field.");
        app.MapGet("/api/notifications/outbox", OutboxAsync).WithTags("Notifications").RequireAuthorization(AccessPolicies.Administer)
            .WithName("NotificationOutbox").WithListStates<OutboxState, RouteHandlerBuilder>().ProducesValidationProblem()
            .WithSummary("The e-mail outbox for the admin: how many wait, were sent, were given up, and one page of its messages (docs/notifications.md).")
            .WithDescription("The lists' parameters (docs/api.md, Lists): `?search=` (reader, address, or the case: number or id, project code or name, enterprise, matter), " +
                "`?state=Waiting|Retrying|Sent|Failed`, `?kind=`, `?stage=`, `?greenChannel=`, `?from=&to=` (staged, yyyy-MM-dd, both included), " +
                "`?sort=due|newest|oldest` (due: newest first), `?page=1&pageSize=50`. A bad value, or `level`, `department`, `take`, `before`, is 400 naming it.");
        return app;
    }

    /// <summary>The outbox's counts and one page of its messages by the lists' parameters (docs/api.md, *Lists*).</summary>
    private static async Task<Results<Ok<OutboxView>, ValidationProblem>> OutboxAsync(
        string? search, string? state, string? kind, string? stage, string? greenChannel, string? from, string? to, string? sort, string? page, string? pageSize,
        HttpRequest request, EmailOutbox outbox, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var (parameters, only, errors) = ReadParameters<OutboxState>(Given(request, search, state, kind, stage, greenChannel, from, to, sort, page, pageSize),
            catalogue, jurisdiction.Value.Zone);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("列表参数无效。", "The list parameters are not valid."));
        var found = await outbox.PageAsync(parameters.Filter, only, parameters.Page, parameters.PageSize, ct);
        return TypedResults.Ok(new OutboxView(await outbox.CountsAsync(ct), found.Items.Select(OutboxMessageView.Of).ToList(), found.TotalCount, parameters.Page, parameters.PageSize));
    }

    /// <summary>The parameters a notification list does not read (the old <c>take</c>/<c>before</c> paging among them): given, each is a 400 naming it.</summary>
    public static readonly string[] NotRead = ["level", "department", "take", "before"];

    /// <summary>
    /// Reads the parameters of a list of notifications or of the outbox: the lists' (<see cref="ListParameters"/>, states
    /// <typeparamref name="TState"/>) and <c>kind</c>, one of <see cref="NotificationKinds.All"/>; errors name the parameter
    /// in the request's language.
    /// </summary>
    public static (ListParameters Parameters, string? Kind, Dictionary<string, string[]> Errors) ReadParameters<TState>(IQueryCollection query, MatterCatalogue catalogue, DateTimeZone zone)
        where TState : struct, Enum
    {
        var (parameters, errors) = ListParameters.Read<TState>(query, catalogue, zone, NotRead);
        var kind = query.TryGetValue("kind", out var k) && !string.IsNullOrWhiteSpace(k.ToString()) ? k.ToString().Trim() : null;
        if (kind is not null && !NotificationKinds.All.Contains(kind))
        {
            errors["kind"] = [Ui.T($"kind 须为以下之一：{string.Join("、", NotificationKinds.All)}", $"kind is one of {string.Join(", ", NotificationKinds.All)}")];
            kind = null;
        }
        return (parameters, kind, errors);
    }

    // The API's text parameters as a query: a bad value is a 400 naming it, never a binding failure (docs/api.md, *Lists*).
    private static QueryCollection Given(HttpRequest request, string? search, string? state, string? kind, string? stage, string? greenChannel, string? from, string? to,
        string? sort, string? page, string? pageSize)
    {
        var given = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["search"] = search, ["state"] = state, ["kind"] = kind, ["stage"] = stage, ["greenChannel"] = greenChannel,
            ["from"] = from, ["to"] = to, ["sort"] = sort, ["page"] = page, ["pageSize"] = pageSize,
        };
        foreach (var name in NotRead) given[name] = request.Query[name];
        return new QueryCollection(given);
    }

    /// <summary>One page of the caller's notifications by the lists' parameters, read as text so that a bad value is a 400 naming it (docs/api.md, *Lists*).</summary>
    private static async Task<Results<Ok<NotificationList>, ValidationProblem>> ListAsync(
        string? search, string? state, string? kind, string? stage, string? greenChannel, string? from, string? to, string? sort, string? page, string? pageSize,
        HttpRequest request, ClaimsPrincipal user, NotificationCentre centre, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var zone = jurisdiction.Value.Zone;
        var (parameters, only, errors) = ReadParameters<NotificationState>(Given(request, search, state, kind, stage, greenChannel, from, to, sort, page, pageSize), catalogue, zone);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("通知查询条件有误。", "The notification query is not valid."));
        var reader = NotificationReader.Of(user);
        var found = await centre.PageAsync(reader.Audiences, reader.Name, parameters.Filter, only, parameters.Page, parameters.PageSize, ct);
        var unread = await centre.UnreadCountAsync(reader.Audiences, reader.Name, ct);
        return TypedResults.Ok(new NotificationList(found.Items.Select(n => View(n, catalogue, zone)).ToList(), found.TotalCount, parameters.Page, parameters.PageSize, unread));
    }

    private static NotificationView View(WithCaseNumber<NotificationItem> n, MatterCatalogue catalogue, DateTimeZone zone) =>
        new(n.Row.Id, n.Row.Kind, NotificationText.Of(n.Row, catalogue, zone), n.Row.CaseId, n.CaseNumber ?? n.Row.Data.GetValueOrDefault(NotificationCentre.CaseNumberKey), n.Row.StepId, n.Row.Data,
            n.Row.CreatedAt, n.Row.Read);

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(long id, ClaimsPrincipal user, NotificationCentre centre, CancellationToken ct)
    {
        var reader = NotificationReader.Of(user);
        return await centre.MarkReadAsync(id, reader.Audiences, reader.Name, ct)
            ? TypedResults.NoContent()
            : Denied.NotFound(Subjects.Notification(id));
    }

    private static async Task<Ok<NotificationSettingsView>> GetSettingsAsync(ClaimsPrincipal user, NotificationSettings settings, CancellationToken ct)
    {
        var preferences = NotificationPreferences.Of(await settings.FindAsync(NotificationReader.Of(user).Name, ct));
        return TypedResults.Ok(View(preferences));
    }

    private static async Task<Results<Ok<NotificationSettingsView>, ValidationProblem>> PutSettingsAsync(NotificationPreferences body, ClaimsPrincipal user, NotificationSettings settings, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("通知设置有误。", "The notification settings are not valid."));
        var row = body.ToRow(NotificationReader.Of(user));
        await settings.SaveAsync(row, ct);
        return TypedResults.Ok(View(NotificationPreferences.Of(row)));
    }

    private static NotificationSettingsView View(NotificationPreferences p) => new(p.Email, p.Language ?? "zh-CN", p.EmailKinds ?? [], NotificationKinds.All);

    private static async Task<Ok<MarkedRead>> MarkAllReadAsync(ClaimsPrincipal user, NotificationCentre centre, CancellationToken ct)
    {
        var reader = NotificationReader.Of(user);
        return TypedResults.Ok(new MarkedRead(await centre.MarkAllReadAsync(reader.Audiences, reader.Name, ct)));
    }
}

/// <summary>The caller's preferences and the kinds there are to choose from.</summary>
public sealed record NotificationSettingsView(string? Email, string Language, IReadOnlyList<string> EmailKinds, IReadOnlyList<string> Kinds);

/// <summary>The e-mail outbox for the admin: its counts and one page of its messages (<c>{items, totalCount, page, pageSize}</c> as every list).</summary>
public sealed record OutboxView(OutboxCounts Counts, IReadOnlyList<OutboxMessageView> Items, int TotalCount, int Page, int PageSize);

/// <summary>One e-mail of the outbox: where it stands (<c>state</c>), its attempts, the last error; the case by its number.</summary>
public sealed record OutboxMessageView(long Id, string Kind, string Reader, string Email, string? CaseId, string? CaseNumber, OutboxState State, int Attempts, string? LastError,
    Instant CreatedAt, Instant NextAttemptAt, Instant? SentAt, Instant? FailedAt)
{
    public static OutboxMessageView Of(WithCaseNumber<OutboxMessageRow> m) => new(m.Row.Id, m.Row.Kind, m.Row.Reader, m.Row.Email, m.Row.CaseId, m.CaseNumber, StateOf(m.Row),
        m.Row.Attempts, m.Row.LastError, m.Row.CreatedAt, m.Row.NextAttemptAt, m.Row.SentAt, m.Row.FailedAt);

    /// <summary>Where a message stands, as the list's <c>state</c> filter reads it.</summary>
    public static OutboxState StateOf(OutboxMessageRow m) =>
        m.SentAt is not null ? OutboxState.Sent : m.FailedAt is not null ? OutboxState.Failed : m.Attempts > 0 ? OutboxState.Retrying : OutboxState.Waiting;
}

/// <summary>How many notifications a mark-all made read.</summary>
public sealed record MarkedRead(int Marked);
