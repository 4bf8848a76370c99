using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Booking;
using Workflow.Definitions.Appointments.Slots;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Appointments;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages.Appointments;

/// <summary>
/// 预约办事 (<c>/appointments</c>, docs/appointments.md, *Pages*): pick a hall, a service category, a day and a slot (places
/// left shown; holidays closed, make-up days open, provisional years marked), give the name, mobile and ID-card number of
/// the person who will come, and book. A signed-in agent sees and cancels the appointments they booked; the public sees
/// and cancels theirs by their ID-card number (posted, never put in a URL or echoed back). Rate-limited like the API.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(BookingRateLimit.Policy)]
public sealed class IndexModel(HallDirectory halls, SlotPlanner planner, BookingDesk desk, HallClock clock, MatterCatalogue catalogue) : LocalizedPageModel
{
    [BindProperty(SupportsGet = true)] public string? Hall { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }
    [BindProperty] public string? Start { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Mobile { get; set; }
    [BindProperty] public string? IdNumber { get; set; }

    public HallSnapshot Snapshot { get; private set; } = new([], [], []);
    public Hall? SelectedHall { get; private set; }
    public IReadOnlyList<ServiceCategory> Categories { get; private set; } = [];
    public IReadOnlyList<SlotDay> Days { get; private set; } = [];
    public SlotDay? Day { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    /// <summary>A conflict or limit, said in the page's language (full slot, duplicate, ban, cut-off, too many bookings).</summary>
    public string? Refusal { get; private set; }
    public Appointment? Booked { get; private set; }
    public Appointment? Cancelled { get; private set; }
    /// <summary>The appointments shown under "my appointments": the agent's, or the public applicant's after they gave their number.</summary>
    public IReadOnlyList<Appointment>? Mine { get; private set; }
    public Instant? BannedUntil { get; private set; }
    public bool IsAgent => AppClaims.RoleOf(User) == UserRole.Agent;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostBookAsync(CancellationToken ct)
    {
        try
        {
            Booked = await desk.BookAsync(new BookingRequest(Hall, Category, Date, Start, Name, Mobile, IdNumber),
                new Booker(IsAgent ? AppClaims.UserNameOf(User) : null, HttpContext.Connection.RemoteIpAddress?.ToString()), ct);
            (Name, Mobile, Start) = (null, null, null);
        }
        catch (PermitRuleViolation e) { Errors = RuleTexts.Render(e, catalogue); Response.StatusCode = StatusCodes.Status422UnprocessableEntity; }
        catch (StepConflictException e) { Refusal = RuleTexts.Render(e.Reason, catalogue); Response.StatusCode = StatusCodes.Status409Conflict; }
        catch (BookingThrottledException e)
        {
            Refusal = Ui.T($"此身份证号码 24 小时内预约次数已达上限，请在 {Math.Ceiling(e.RetryAfter.TotalMinutes)} 分钟后再试。", $"This ID-card number has booked as often as allowed in 24 hours; try again in {Math.Ceiling(e.RetryAfter.TotalMinutes)} minutes.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }
        if (!IsAgent && Booked is not null) Mine = await desk.OfIdentityAsync(IdNumber, ct);
        IdNumber = null; // never echoed back into the page
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMineAsync(CancellationToken ct)
    {
        if (!IsAgent)
        {
            Mine = await desk.OfIdentityAsync(IdNumber, ct);
            BannedUntil = (await desk.BanOfAsync(IdNumber, ct))?.Until;
        }
        IdNumber = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken ct)
    {
        try
        {
            Cancelled = await desk.CancelAsync(id, IsAgent ? AppClaims.UserNameOf(User) : null, IsAgent ? null : IdNumber, ct);
            if (Cancelled is null) { Refusal = Ui.T("没有此预约，或身份证号码不符。", "There is no such appointment, or the ID-card number does not match."); Response.StatusCode = StatusCodes.Status404NotFound; }
        }
        catch (StepConflictException e) { Refusal = RuleTexts.Render(e.Reason, catalogue); Response.StatusCode = StatusCodes.Status409Conflict; }
        if (!IsAgent) Mine = await desk.OfIdentityAsync(IdNumber, ct);
        IdNumber = null;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Snapshot = await halls.SnapshotAsync(ct);
        SelectedHall = Snapshot.FindHall(Hall) ?? Snapshot.Halls.FirstOrDefault();
        if (SelectedHall is null) return;
        Hall = SelectedHall.Code;
        Categories = Snapshot.CategoriesOf(SelectedHall.Code);
        if (Categories.All(c => c.Code != Category)) Category = Categories.FirstOrDefault()?.Code;
        Days = await planner.BookableDaysAsync(SelectedHall, ct);
        Day = Days.FirstOrDefault(d => LocalDatePattern.Iso.Format(d.Date) == Date)
            ?? Days.FirstOrDefault(d => d.Slots.Any(s => !s.IsPast && s.Remaining > 0));
        Date = Day is null ? null : LocalDatePattern.Iso.Format(Day.Date);
        if (IsAgent) Mine = await desk.OfAgentAsync(AppClaims.UserNameOf(User)!, ct);
    }

    public string HallName(string code) => Snapshot.FindHall(code) is { } h ? Ui.T(h.NameZh, h.NameEn) : code;

    public string CategoryName(string code) => Snapshot.FindCategory(code) is { } c ? Ui.T(c.NameZh, c.NameEn) : code;

    public string Local(Instant instant, string pattern = "yyyy-MM-dd HH:mm") =>
        SelectedHall is null ? instant.ToString() : clock.Local(SelectedHall, instant).ToString(pattern, System.Globalization.CultureInfo.InvariantCulture);

    public string DayLabel(SlotDay day) =>
        $"{day.Date:MM-dd} {(Ui.IsEnglish ? day.Date.DayOfWeek.ToString()[..3] : "一二三四五六日"[(int)day.Date.DayOfWeek - 1].ToString())}";

    public string ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : "";

    public static string StateText(AppointmentState state) => state switch
    {
        AppointmentState.Booked => Ui.T("已预约", "Booked"),
        AppointmentState.Cancelled => Ui.T("已取消", "Cancelled"),
        AppointmentState.CheckedIn => Ui.T("已签到", "Checked in"),
        _ => Ui.T("爽约", "No-show"),
    };
}
