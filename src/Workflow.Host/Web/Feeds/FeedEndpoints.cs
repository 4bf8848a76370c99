using Workflow.Host.Web.Localization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Feeds;
using Workflow.Definitions.Messages;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Permits.Api;

namespace Workflow.Host.Web.Feeds;

/// <summary>A feed token in the API; <see cref="Token"/> and <see cref="Url"/> only in the answer that made it.</summary>
public sealed record FeedTokenView(long Id, FeedScope Scope, string Owner, string? Label, string CreatedBy, Instant CreatedAt, Instant? RevokedAt, string? Token = null, string? Url = null)
{
    public static FeedTokenView Of(FeedTokenRow r, string? token = null, string? url = null) =>
        new(r.Id, r.Scope, r.Owner, r.Label, r.CreatedBy, r.CreatedAt, r.RevokedAt, token, url);
}

/// <summary>Making a feed: a department's (reviewers and the window: their own; supervisor, admin: any) or, for an agent, their own.</summary>
public sealed record NewFeed(string? Department, string? Label);

/// <summary>
/// Deadline calendar feeds (docs/ledger-and-feeds.md, Deadline calendar feeds): <c>GET /feeds/{token}.ics</c> (no sign-in:
/// the token is the key; unknown or revoked → 404), and the signed-in API to make, list and revoke tokens,
/// <c>/api/feeds</c>. Agents get the feed of their own cases; reviewers and the window their department's; supervisors and the
/// admin any department's. The designer has none (403).
/// </summary>
public static class FeedEndpoints
{
    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/feeds/{token}.ics", FeedAsync).AllowAnonymous().WithTags("Calendar feeds").WithName("DeadlineFeed")
            .WithSummary("The iCalendar feed of upcoming due instants behind a subscription token (404 when unknown or revoked).");
        var api = app.MapGroup("/api/feeds").WithTags("Calendar feeds").RequireAuthorization(AccessPolicies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("", CreateAsync).WithName("CreateFeed").WithSummary("Makes a feed token; the answer holds the token and the subscription URL, shown only once.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity); // an over-long label
        api.MapGet("", ListAsync).WithName("Feeds").WithSummary("The caller's feed tokens (without the tokens).");
        api.MapDelete("/{id:long}", RevokeAsync).WithName("RevokeFeed").WithSummary("Revokes a feed token: its URL answers 404 from now on.");
        return app;
    }

    /// <summary>The owner a new feed of the caller gets, or why not: the agent's own, the reviewer's or window's department, any department for supervisor and admin.</summary>
    public static (FeedScope Scope, string Owner)? OwnerFor(ClaimsPrincipal user, string? department, MatterCatalogue catalogue) => AppClaims.RoleOf(user) switch
    {
        UserRole.Agent => (FeedScope.Agent, AppClaims.UserNameOf(user) ?? ""),
        UserRole.Reviewer when AppClaims.DepartmentOf(user) is { } own => (FeedScope.Department, own),
        UserRole.FrontDesk => (FeedScope.Department, PermitActivity.FrontDesk),
        UserRole.Supervisor or UserRole.Admin when department == PermitActivity.FrontDesk || catalogue.FindDepartment(department ?? "") is not null => (FeedScope.Department, department!),
        _ => null,
    };

    /// <summary>Which tokens the caller may list and revoke: their own feed's, their department's, or (supervisor, admin) those they made.</summary>
    public static FeedOwner? VisibleTo(ClaimsPrincipal user) => AppClaims.RoleOf(user) switch
    {
        UserRole.Agent => new FeedOwner(FeedScope.Agent, AppClaims.UserNameOf(user) ?? "", null),
        UserRole.Reviewer when AppClaims.DepartmentOf(user) is { } own => new FeedOwner(FeedScope.Department, own, null),
        UserRole.FrontDesk => new FeedOwner(FeedScope.Department, PermitActivity.FrontDesk, null),
        UserRole.Supervisor or UserRole.Admin => new FeedOwner(null, null, AppClaims.UserNameOf(user) ?? ""),
        _ => null,
    };

    /// <summary>The subscription URL of a token, under the request's own base address.</summary>
    public static string UrlOf(HttpRequest request, string token) => $"{request.Scheme}://{request.Host}{request.PathBase}/feeds/{token}.ics";

    private static async Task<IResult> FeedAsync(string token, HttpRequest request, FeedTokens tokens, DeadlineFeed feeds, IClock clock, CancellationToken ct)
    {
        if (await tokens.ResolveAsync(token, ct) is not { } row) return Denied.NotFound(Subjects.Feed());
        var now = clock.GetCurrentInstant();
        var entries = await feeds.EntriesAsync(row.Scope, row.Owner, now, ct);
        var text = DeadlineFeed.Write(DeadlineFeed.NameOf(row.Scope, row.Owner), entries, now, $"{request.Scheme}://{request.Host}{request.PathBase}");
        return Results.Text(text, "text/calendar; charset=utf-8");
    }

    /// <summary>The field error of an over-long label, the same on the page and in the API.</summary>
    public static string LabelTooLong => Ui.T($"备注最多 {InputLimits.FeedLabel} 个字符", $"the label is at most {InputLimits.FeedLabel} characters");

    private static async Task<Results<Created<FeedTokenView>, ValidationProblem, ProblemHttpResult>> CreateAsync(NewFeed? body, ClaimsPrincipal user, HttpRequest request,
        FeedTokens tokens, MatterCatalogue catalogue, CancellationToken ct)
    {
        var role = AppClaims.RoleOf(user);
        if (role is not (UserRole.Agent or UserRole.Reviewer or UserRole.FrontDesk or UserRole.Supervisor or UserRole.Admin))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."), detail: Ui.T("期限订阅供申报人、部门和监察人员使用。", "Deadline feeds are for agents, departments and supervisors."));
        if (OwnerFor(user, body?.Department, catalogue) is not { } owner)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["department"] = [Ui.T("department 须为部门代码（或 frontdesk）", "department must be a department code (or frontdesk)")] }, title: Ui.T("订阅设置有误。", "The feed is not valid."));
        if (body?.Label?.Length > InputLimits.FeedLabel)
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["label"] = [LabelTooLong] })
            {
                Status = StatusCodes.Status422UnprocessableEntity, // as every over-long text (docs/api.md, Input limits)
                Title = Ui.T("订阅设置有误。", "The feed is not valid."),
            });
        var made = await tokens.CreateAsync(owner.Scope, owner.Owner, AppClaims.UserNameOf(user) ?? "", body?.Label, ct);
        return TypedResults.Created($"/api/feeds/{made.Row.Id}", FeedTokenView.Of(made.Row, made.Token, UrlOf(request, made.Token)));
    }

    private static async Task<Results<Ok<IReadOnlyList<FeedTokenView>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, FeedTokens tokens, CancellationToken ct)
    {
        if (VisibleTo(user) is not { } whose)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."), detail: Ui.T("期限订阅供申报人、部门和监察人员使用。", "Deadline feeds are for agents, departments and supervisors."));
        return TypedResults.Ok<IReadOnlyList<FeedTokenView>>((await tokens.ListAsync(whose, ct)).Select(r => FeedTokenView.Of(r)).ToList());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(long id, ClaimsPrincipal user, FeedTokens tokens, CancellationToken ct)
    {
        if (VisibleTo(user) is not { } whose)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."), detail: Ui.T("期限订阅供申报人、部门和监察人员使用。", "Deadline feeds are for agents, departments and supervisors."));
        return await tokens.RevokeAsync(id, whose, ct) ? TypedResults.NoContent() : Denied.NotFound(Subjects.Feed(id));
    }
}
