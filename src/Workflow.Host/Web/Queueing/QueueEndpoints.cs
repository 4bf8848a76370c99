using Workflow.Definitions.Appointments;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Queueing;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Public;
using Workflow.Host.Web.Supervision;

namespace Workflow.Host.Web.Queueing;

/// <summary>
/// The queue's API (docs/queueing.md, docs/api.md "Queue"): tickets from the in-hall kiosk (walk-in and appointment
/// check-in) and a holder's position — public, no sign-in; a hall's display and its live stream — public; a window's
/// calls — front desk (and admin); the figures — supervisors (and admin). Other roles get 403.
/// </summary>
public static class QueueEndpoints
{
    public static IEndpointRouteBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        var kiosk = app.MapGroup("/api/queue/halls/{hall}").WithTags("Queue").AllowAnonymous().AddEndpointFilter<QueueProblemFilter>();
        kiosk.MapPost("/walk-ins", WalkInAsync).WithName("QueueWalkIn")
            .WithSummary("The in-hall kiosk issues a walk-in ticket (现场取号) for a category; the ID-card number binds it to its holder (one open ticket per category a day). No sign-in.")
            .Produces<IssuedTicketView>(StatusCodes.Status201Created).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        kiosk.MapPost("/check-ins", CheckInAsync).WithName("QueueCheckIn")
            .WithSummary("The kiosk checks in today's appointment of the ID-card number for the category (or `appointmentId`, proven by the same number) and issues its ticket. No sign-in.")
            .Produces<IssuedTicketView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict);
        kiosk.MapGet("/board", BoardAsync).WithName("QueueBoard").WithSummary("The hall's display (叫号屏): each window's latest call and the day's last calls. No sign-in.")
            .Produces<BoardView>().ProducesProblem(StatusCodes.Status404NotFound);
        kiosk.MapGet("/board/stream", StreamAsync).WithName("QueueBoardStream")
            .WithSummary("The hall's display as server-sent events: an event `board` (a BoardView) at once and after every call on any host. No sign-in.")
            .Produces<BoardView>(StatusCodes.Status200OK, "text/event-stream").ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/queue/tickets/{number}", PositionAsync).WithTags("Queue").AllowAnonymous().RequireRateLimiting(PublicRateLimit.Policy).WithName("QueueTicketPosition")
            .WithSummary("Where today's ticket stands, by its number and the code printed on it (`?code=`): its state, how many are ahead, its window when called. No sign-in; a wrong code answers like an unknown number.")
            .Produces<PublicTicketView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

        var window = app.MapGroup("/api/queue/halls/{hall}/windows/{window}").WithTags("Queue").RequireAuthorization(AccessPolicies.SignedIn)
            .AddEndpointFilter<QueueProblemFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        window.MapGet("", DeskAsync).WithName("QueueWindow").WithSummary("The window's desk: the ticket it serves and the tickets it would call next, in calling order (front desk, supervisor, admin).")
            .Produces<WindowDeskView>().ProducesProblem(StatusCodes.Status404NotFound);
        window.MapPost("/call", CallAsync).WithName("QueueCallNext")
            .WithSummary("The window calls its next ticket (appointments in their slot first, priorities, then walk-ins in order); 204 when nobody waits, 409 while the window serves a ticket.")
            .Produces<TicketView>().Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);
        var ticket = window.MapGroup("/tickets/{id:long}").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        ticket.MapPost("/recall", RecallAsync).WithName("QueueRecall").WithSummary("Calls the window's ticket again.").Produces<TicketView>();
        ticket.MapPost("/no-show", NoShowAsync).WithName("QueueNoShow").WithSummary("The holder did not come (过号); an appointment's no-show is recorded.").Produces<TicketView>();
        ticket.MapPost("/finish", FinishAsync).WithName("QueueFinish").WithSummary("Service finished; the cases of the holder's project filed or accepted meanwhile are recorded on the ticket.").Produces<TicketView>();
        ticket.MapPost("/transfer", TransferAsync).WithName("QueueTransfer").WithSummary("Sends the ticket to another category and/or window of the hall; it waits again in its place.").Produces<TicketView>();

        app.MapPost("/api/queue/tickets/{id:long}/cases", LinkCaseAsync).WithTags("Queue").RequireAuthorization(AccessPolicies.SignedIn).AddEndpointFilter<QueueProblemFilter>()
            .WithName("QueueTicketCase").WithSummary("Records a case the ticket led to (front desk, admin).")
            .Produces<TicketView>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        app.MapGet("/api/queue/figures", FiguresAsync).WithTags("Queue").RequireAuthorization(AccessPolicies.SignedIn).WithName("QueueFigures")
            .WithSummary("Waiting times (check-in to call) and service times, p50/p90 in minutes, tickets and no-shows per hall, window and category, each day and the period `from`–`to` (supervisor, admin).")
            .Produces<IReadOnlyList<QueueFigureView>>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem();
        return app;
    }

    /// <summary>Who calls at a window: the front desk (窗口人员) and the admin.</summary>
    public static bool IsClerk(ClaimsPrincipal user) => AppClaims.RoleOf(user) is UserRole.FrontDesk or UserRole.Admin;

    /// <summary>Who may look at a window's desk: clerks and supervisors.</summary>
    public static bool MayWatch(ClaimsPrincipal user) => IsClerk(user) || AppClaims.RoleOf(user) == UserRole.Supervisor;

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."),
            detail: Ui.T("叫号由窗口人员办理。", "Windows call tickets; that is the front desk's job."));

    private static TicketRequest Request(string hall, TicketRequestBody body, ClaimsPrincipal user) =>
        new(hall, body.Category, body.IdNumber, body.ProjectCode, body.Disabled ?? false, AppClaims.RoleOf(user) == UserRole.Agent ? AppClaims.UserNameOf(user) : null, body.AppointmentId);

    private static async Task<Results<Created<IssuedTicketView>, ProblemHttpResult>> WalkInAsync(string hall, TicketRequestBody body, ClaimsPrincipal user,
        QueueDesk desk, QueueBoard board, CancellationToken ct) =>
        await IssuedAsync(await desk.WalkInAsync(Request(hall, body, user), ct), board, ct);

    private static async Task<Results<Created<IssuedTicketView>, ProblemHttpResult>> CheckInAsync(string hall, TicketRequestBody body, ClaimsPrincipal user,
        QueueDesk desk, QueueBoard board, CancellationToken ct) =>
        await desk.CheckInAsync(Request(hall, body, user), ct) is { } ticket ? await IssuedAsync(ticket, board, ct)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到。", "Not found."), detail: Ui.T("没有这个预约。", "There is no such appointment."));

    private static async Task<Results<Created<IssuedTicketView>, ProblemHttpResult>> IssuedAsync(QueueTicketRow ticket, QueueBoard board, CancellationToken ct)
    {
        var position = await board.PositionAsync(ticket.Number, ticket.Code, ct);
        var view = new IssuedTicketView(ticket.Number, ticket.Code, ticket.Hall, ticket.Category, ticket.IssuedAt, position?.Ahead ?? 0, FollowUrl(ticket.Number));
        return TypedResults.Created(view.FollowUrl, view);
    }

    /// <summary>The position page of a ticket (the code is typed there, not carried in the address).</summary>
    public static string FollowUrl(string number) => $"/queue/ticket?number={Uri.EscapeDataString(number)}";

    private static async Task<Results<Ok<BoardView>, ProblemHttpResult>> BoardAsync(string hall, HallDirectory halls, QueueBoard board, CancellationToken ct) =>
        (await halls.SnapshotAsync(ct)).FindHall(hall) is null ? UnknownHall(hall) : TypedResults.Ok(BoardView.Of(await board.HallAsync(hall, ct)));

    private static ProblemHttpResult UnknownHall(string hall) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到。", "Not found."), detail: Ui.T($"没有大厅 {hall}。", $"There is no hall {hall}."));

    private static async Task<Results<ServerSentEventsResult<BoardView>, ProblemHttpResult>> StreamAsync(string hall, HallDirectory halls, HallBoardFeed feed,
        HttpContext http) =>
        (await halls.SnapshotAsync(http.RequestAborted)).FindHall(hall) is null
            ? UnknownHall(hall)
            : TypedResults.ServerSentEvents(Boards(hall, feed, http.RequestAborted));

    // The hall's one poller on this host (HallBoardFeed) reads the board once per change; every screen gets it.
    private static async IAsyncEnumerable<SseItem<BoardView>> Boards(string hall, HallBoardFeed feed, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var board in feed.WatchAsync(hall, ct))
        {
            var view = BoardView.Of(board);
            yield return new SseItem<BoardView>(view, "board") { EventId = view.Version.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private static async Task<Results<Ok<PublicTicketView>, ProblemHttpResult>> PositionAsync(string number, [FromQuery] string? code, QueueBoard board, CancellationToken ct) =>
        await board.PositionAsync(number, code, ct) is { } position
            ? TypedResults.Ok(PublicTicketView.Of(position))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到。", "Not found."), instance: "/api/queue/tickets",
                detail: Ui.T("号码或查询码不正确（号票当天有效）。", "The number or the code is not right (tickets are valid on their day)."));

    private static async Task<Results<Ok<WindowDeskView>, ProblemHttpResult>> DeskAsync(string hall, string window, ClaimsPrincipal user, QueueBoard board, CancellationToken ct)
    {
        if (!MayWatch(user)) return Forbidden();
        return await board.WindowAsync(hall, window, ct) is { } desk ? TypedResults.Ok(WindowDeskView.Of(desk))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Ui.T("未找到。", "Not found."), detail: Ui.T($"大厅 {hall} 没有 {window} 号窗口。", $"Hall {hall} has no window {window}."));
    }

    private static async Task<Results<Ok<TicketView>, NoContent, ProblemHttpResult>> CallAsync(string hall, string window, ClaimsPrincipal user, QueueDesk desk, CancellationToken ct)
    {
        if (!IsClerk(user)) return Forbidden();
        return await desk.CallNextAsync(hall, window, AppClaims.UserNameOf(user) ?? "", ct) is { } ticket ? TypedResults.Ok(TicketView.Of(ticket)) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> RecallAsync(string hall, string window, long id, ClaimsPrincipal user, QueueDesk desk, CancellationToken ct) =>
        IsClerk(user) ? TypedResults.Ok(TicketView.Of(await desk.RecallAsync(id, hall, window, ct))) : Forbidden();

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> NoShowAsync(string hall, string window, long id, ClaimsPrincipal user, QueueDesk desk, CancellationToken ct) =>
        IsClerk(user) ? TypedResults.Ok(TicketView.Of(await desk.NoShowAsync(id, hall, window, ct))) : Forbidden();

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> FinishAsync(string hall, string window, long id, ClaimsPrincipal user, QueueDesk desk, CancellationToken ct) =>
        IsClerk(user) ? TypedResults.Ok(TicketView.Of(await desk.FinishAsync(id, hall, window, ct))) : Forbidden();

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> TransferAsync(string hall, string window, long id, TransferBody body, ClaimsPrincipal user,
        QueueDesk desk, CancellationToken ct) =>
        IsClerk(user) ? TypedResults.Ok(TicketView.Of(await desk.TransferAsync(id, hall, window, body.ToCategory, body.ToWindow, ct))) : Forbidden();

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> LinkCaseAsync(long id, TicketCaseBody body, ClaimsPrincipal user, QueueDesk desk, CancellationToken ct) =>
        IsClerk(user) ? TypedResults.Ok(TicketView.Of(await desk.LinkCaseAsync(id, body.CaseId, ct))) : Forbidden();

    private static async Task<Results<Ok<IReadOnlyList<QueueFigureView>>, ValidationProblem, ProblemHttpResult>> FiguresAsync(string? from, string? to, ClaimsPrincipal user,
        QueueFigures figures, IOptions<JurisdictionOptions> jurisdiction, IClock clock, CancellationToken ct)
    {
        if (!SupervisionEndpoints.MaySupervise(user)) return SupervisionEndpoints.Forbidden();
        var (period, errors) = SupervisionPeriod.Read(from, to, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        if (period is null) return TypedResults.ValidationProblem(errors, title: Ui.T("期间有误。", "The period is not valid."));
        var rows = await figures.ReadAsync(period.Start, period.End, ct);
        return TypedResults.Ok<IReadOnlyList<QueueFigureView>>(rows.Select(QueueFigureView.Of).ToList());
    }
}
