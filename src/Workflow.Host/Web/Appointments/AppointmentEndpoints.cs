using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Booking;
using Workflow.Definitions.Appointments.Slots;
using Workflow.Definitions.Appointments.Supervision;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits.Api;
using Workflow.Host.Web.Public;
using Workflow.Host.Web.Supervision;

namespace Workflow.Host.Web.Appointments;

/// <summary>
/// The appointment API (docs/appointments.md, *API*; docs/api.md "Appointments"). <c>/api/public/appointments</c> needs no
/// sign-in: the halls and their slots, booking by a public applicant, their appointments and cancellation, proven by the
/// ID-card number in the body. <c>/api/appointments</c> is the signed-in agent's booking and list, and the supervision's
/// report. Both are rate-limited per client (<see cref="BookingRateLimit"/>) and per identity (429 with <c>Retry-After</c>).
/// </summary>
public static class AppointmentEndpoints
{
    public static IEndpointRouteBuilder MapAppointmentApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/public/appointments").WithTags("Appointments").AllowAnonymous().RequireRateLimiting(BookingRateLimit.Policy)
            .AddEndpointFilter<AppointmentProblemFilter>().ProducesProblem(StatusCodes.Status429TooManyRequests);
        open.MapGet("/halls", HallsAsync).WithName("AppointmentHalls").DeclaresRetryAfter()
            .WithSummary("The halls with their hours, slot plan, the service categories they offer (queue prefix, catalogue matters) and their windows.");
        open.MapGet("/halls/{hall}/days", DaysAsync).WithName("AppointmentDays").DeclaresRetryAfter().ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The bookable days of a hall (today and the next `Appointments:Rules:BookingDays`) from its working calendar: no slots on holidays and rest days, slots on make-up working days, provisional years marked; places left per slot.");
        open.MapPost("", BookPublicAsync).WithName("BookAppointmentPublic").DeclaresRetryAfter()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A public applicant books a slot with name, mobile number and ID-card number (checked by its GB 11643 check digit; kept only as a keyed hash).")
            .WithDescription("409: the slot is full, the person has an active appointment for the category that day, or is barred after no-shows. 429: too many requests from this client, or bookings of this ID-card number in 24 hours (`Retry-After`).");
        open.MapPost("/mine", MineByIdentityAsync).WithName("MyAppointmentsPublic").DeclaresRetryAfter()
            .WithSummary("The appointments booked with the ID-card number in the body (none for an invalid number), newest first, and the ban in force if any.");
        open.MapPost("/{id}/cancel", CancelPublicAsync).WithName("CancelAppointmentPublic").DeclaresRetryAfter()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancels an appointment booked with the ID-card number in the body, up to the cut-off (409 after it; 404 for another number).");

        var signedIn = app.MapGroup("/api/appointments").WithTags("Appointments").RequireAuthorization(AccessPolicies.SignedIn).RequireRateLimiting(BookingRateLimit.Policy)
            .AddEndpointFilter<AppointmentProblemFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        signedIn.MapPost("", BookAgentAsync).WithName("BookAppointment").DeclaresRetryAfter()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("A signed-in agent books a slot for the person who will come (their name, mobile and ID-card number); the agent sees it in their list.");
        signedIn.MapGet("", MineAsAgentAsync).WithName("MyAppointments").DeclaresRetryAfter().WithSummary("The appointments the signed-in agent booked, newest first.");
        signedIn.MapPost("/{id}/cancel", CancelAgentAsync).WithName("CancelAppointment").DeclaresRetryAfter()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The agent cancels an appointment they booked, up to the cut-off.");
        signedIn.MapGet("/supervision", ReportAsync).WithName("AppointmentSupervision").DeclaresRetryAfter().ProducesValidationProblem()
            .WithSummary("Bookings, cancellations, check-ins and no-shows per hall and category, bans, and suspicious patterns flagged (supervisor, admin).")
            .WithDescription("`from`, `to`: dates yyyy-MM-dd, both included (default: the four weeks up to today).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<HallView>>> HallsAsync(HallDirectory halls, CancellationToken ct)
    {
        var snapshot = await halls.SnapshotAsync(ct);
        return TypedResults.Ok<IReadOnlyList<HallView>>(snapshot.Halls.Select(h => HallView.Of(h, snapshot)).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<SlotDayView>>, ProblemHttpResult>> DaysAsync(string hall, HallDirectory halls, SlotPlanner planner, CancellationToken ct)
    {
        var found = (await halls.SnapshotAsync(ct)).FindHall(hall);
        if (found is null) return Denied.NotFound(Ui.T($"大厅 {hall}", $"hall {hall}"));
        return TypedResults.Ok<IReadOnlyList<SlotDayView>>((await planner.BookableDaysAsync(found, ct)).Select(SlotDayView.Of).ToList());
    }

    private static async Task<Created<AppointmentView>> BookPublicAsync(BookingRequest body, HttpContext http, BookingDesk desk, CancellationToken ct)
    {
        var booked = await desk.BookAsync(body, new Booker(null, http.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Created($"/api/public/appointments/{booked.Id}", AppointmentView.Of(booked));
    }

    private static async Task<Ok<MyAppointmentsView>> MineByIdentityAsync(IdentityProof body, BookingDesk desk, CancellationToken ct)
    {
        var list = await desk.OfIdentityAsync(body.IdNumber, ct);
        var ban = await desk.BanOfAsync(body.IdNumber, ct);
        return TypedResults.Ok(new MyAppointmentsView(list.Select(AppointmentView.Of).ToList(), ban?.Until));
    }

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> CancelPublicAsync(string id, IdentityProof body, BookingDesk desk, CancellationToken ct) =>
        await desk.CancelAsync(id, null, body.IdNumber, ct) is { } cancelled ? TypedResults.Ok(AppointmentView.Of(cancelled)) : Denied.NotFound(Ui.T($"预约 {id}", $"appointment {id}"));

    private static async Task<Results<Created<AppointmentView>, ProblemHttpResult>> BookAgentAsync(BookingRequest body, ClaimsPrincipal user, HttpContext http, BookingDesk desk, CancellationToken ct)
    {
        if (AppClaims.RoleOf(user) != UserRole.Agent) return NotAgent();
        var booked = await desk.BookAsync(body, new Booker(AppClaims.UserNameOf(user), http.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Created($"/api/appointments/{booked.Id}", AppointmentView.Of(booked));
    }

    private static async Task<Results<Ok<IReadOnlyList<AppointmentView>>, ProblemHttpResult>> MineAsAgentAsync(ClaimsPrincipal user, BookingDesk desk, CancellationToken ct)
    {
        if (AppClaims.RoleOf(user) != UserRole.Agent) return NotAgent();
        return TypedResults.Ok<IReadOnlyList<AppointmentView>>((await desk.OfAgentAsync(AppClaims.UserNameOf(user)!, ct)).Select(AppointmentView.Of).ToList());
    }

    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> CancelAgentAsync(string id, ClaimsPrincipal user, BookingDesk desk, CancellationToken ct)
    {
        if (AppClaims.RoleOf(user) != UserRole.Agent) return NotAgent();
        return await desk.CancelAsync(id, AppClaims.UserNameOf(user), null, ct) is { } cancelled ? TypedResults.Ok(AppointmentView.Of(cancelled)) : Denied.NotFound(Ui.T($"预约 {id}", $"appointment {id}"));
    }

    private static async Task<Results<Ok<BookingReportView>, ValidationProblem, ProblemHttpResult>> ReportAsync(string? from, string? to, ClaimsPrincipal user,
        BookingSupervision supervision, IOptions<JurisdictionOptions> jurisdiction, IClock clock, CancellationToken ct)
    {
        if (!SupervisionEndpoints.MaySupervise(user)) return SupervisionEndpoints.Forbidden();
        var (period, errors) = SupervisionPeriod.Read(from, to, jurisdiction.Value.Zone, clock.GetCurrentInstant());
        if (period is null) return TypedResults.ValidationProblem(errors, title: Ui.T("统计期间有误。", "The period is not valid."));
        var report = await supervision.ReportAsync(period.Start, period.End, ct);
        return TypedResults.Ok(new BookingReportView(period.From, period.To, report.Figures, report.Bans.Select(BanView.Of).ToList(), report.Flags, report.Cut));
    }

    private static ProblemHttpResult NotAgent() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: Ui.T("您的角色无权执行此操作。", "Your role may not do this."),
            detail: Ui.T("预约由代办员办理；公众请使用公开预约。", "Agents book here; the public books through the public booking."));
}

/// <summary>A public applicant's appointments and, when barred after no-shows, until when.</summary>
public sealed record MyAppointmentsView(IReadOnlyList<AppointmentView> Appointments, Instant? BannedUntil);
