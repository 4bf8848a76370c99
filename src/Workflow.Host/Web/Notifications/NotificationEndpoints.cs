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
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Web.Notifications;

/// <summary>One notification in the API: what happened (<c>kind</c>, <c>data</c>), its text in the caller's language, whether read.</summary>
public sealed record NotificationView(long Id, string Kind, string Text, string? CaseId, string? StepId, IReadOnlyDictionary<string, string> Data, Instant CreatedAt, bool Read);

/// <summary>The caller's notifications, newest first, and how many are unread.</summary>
public sealed record NotificationList(int Unread, IReadOnlyList<NotificationView> Items);

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
        api.MapGet("", ListAsync).WithName("Notifications")
            .WithSummary("The caller's notifications, newest first, with the unread count.")
            .WithDescription("`?take=50` (1–200) and `?before=ID` (an id: older ones) page through them.");
        api.MapPost("/{id:long}/read", MarkReadAsync).WithName("MarkNotificationRead").WithSummary("Marks one notification read (404: not the caller's).");
        api.MapPost("/read", MarkAllReadAsync).WithName("MarkAllNotificationsRead").WithSummary("Marks every notification of the caller read.");
        api.MapGet("/settings", GetSettingsAsync).WithName("NotificationSettings")
            .WithSummary("The caller's preferences: which kinds also come by e-mail, to which address, in which language (docs/notifications.md).");
        api.MapPut("/settings", PutSettingsAsync).WithName("SaveNotificationSettings")
            .WithSummary("Saves the caller's preferences; a field error is a 400 problem naming the field.");
        app.MapGet("/api/notifications/outbox", OutboxAsync).WithTags("Notifications").RequireAuthorization(AccessPolicies.Administer)
            .WithName("NotificationOutbox")
            .WithSummary("The e-mail outbox for the admin: how many wait, were sent, were given up, and the messages that failed (docs/notifications.md).");
        return app;
    }

    private static async Task<Ok<OutboxView>> OutboxAsync(EmailOutbox outbox, CancellationToken ct) =>
        TypedResults.Ok(new OutboxView(await outbox.CountsAsync(ct), (await outbox.TroubleAsync(200, ct)).Select(m =>
            new OutboxTrouble(m.Id, m.Kind, m.Reader, m.Email, m.CaseId, m.Attempts, m.LastError, m.NextAttemptAt, m.FailedAt)).ToList()));

    private static async Task<Results<Ok<NotificationList>, ValidationProblem>> ListAsync(string? take, string? before, ClaimsPrincipal user,
        NotificationCentre centre, MatterCatalogue catalogue, IOptions<JurisdictionOptions> jurisdiction, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var count = 50;
        if (take is not null && (!int.TryParse(take, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 200))
            errors["take"] = [Ui.T("take 须为 1 至 200 的整数", "take must be a whole number from 1 to 200")];
        long? older = null;
        if (before is not null)
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b)) older = b;
            else errors["before"] = [Ui.T("before 须为通知编号", "before must be a notification id")];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: Ui.T("通知查询条件有误。", "The notification query is not valid."));
        var reader = NotificationReader.Of(user);
        var items = await centre.ListAsync(reader.Audiences, reader.Name, count, older, ct);
        var unread = await centre.UnreadCountAsync(reader.Audiences, reader.Name, ct);
        var zone = jurisdiction.Value.Zone;
        return TypedResults.Ok(new NotificationList(unread, items.Select(i =>
            new NotificationView(i.Id, i.Kind, NotificationText.Of(i, catalogue, zone), i.CaseId, i.StepId, i.Data, i.CreatedAt, i.Read)).ToList()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkReadAsync(long id, ClaimsPrincipal user, NotificationCentre centre, CancellationToken ct)
    {
        var reader = NotificationReader.Of(user);
        return await centre.MarkReadAsync(id, reader.Audiences, reader.Name, ct)
            ? TypedResults.NoContent()
            : Denied.NotFound($"notification {id}");
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

/// <summary>The e-mail outbox for the admin.</summary>
public sealed record OutboxView(OutboxCounts Counts, IReadOnlyList<OutboxTrouble> Failures);

/// <summary>A message that failed at least once: still retrying (<c>failedAt</c> null, next at <c>nextAttemptAt</c>) or given up.</summary>
public sealed record OutboxTrouble(long Id, string Kind, string Reader, string Email, string? CaseId, int Attempts, string? LastError, Instant NextAttemptAt, Instant? FailedAt);

/// <summary>How many notifications a mark-all made read.</summary>
public sealed record MarkedRead(int Marked);
