using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Definitions.Appointments.Slots;
using Workflow.Definitions.Appointments.Supervision;

namespace Workflow.Host.Web.Appointments;

/// <summary>A hall in the API: its hours and slot plan, the categories it offers and its windows.</summary>
public sealed record HallView(string Code, string NameZh, string NameEn, string CalendarId, string Hours, int SlotMinutes, int Capacity,
    IReadOnlyList<CategoryView> Categories, IReadOnlyList<WindowView> Windows)
{
    public static HallView Of(Hall h, HallSnapshot s) => new(h.Code, h.NameZh, h.NameEn, h.CalendarId, h.Hours, h.SlotMinutes, h.Capacity,
        s.CategoriesOf(h.Code).Select(CategoryView.Of).ToList(), s.WindowsOf(h.Code).Select(WindowView.Of).ToList());
}

/// <summary>A service category: its queue-number prefix and the catalogue matters it covers (none where it does not overlap the catalogue).</summary>
public sealed record CategoryView(string Code, string Prefix, string NameZh, string NameEn, IReadOnlyList<string> Matters)
{
    public static CategoryView Of(ServiceCategory c) => new(c.Code, c.Prefix, c.NameZh, c.NameEn, c.MatterCodes());
}

/// <summary>A window of a hall and the categories it serves.</summary>
public sealed record WindowView(string Number, string NameZh, string NameEn, IReadOnlyList<string> Categories)
{
    public static WindowView Of(ServiceWindow w) => new(w.Number, w.NameZh, w.NameEn, w.CategoryCodes());
}

/// <summary>A day of a hall: worked or not (and why), provisional or announced, and its slots with places left.</summary>
public sealed record SlotDayView(LocalDate Date, bool IsWorkingDay, string? Holiday, string? MakeUpDay, bool IsProvisional, IReadOnlyList<SlotView> Slots)
{
    public static SlotDayView Of(SlotDay d) => new(d.Date, d.IsWorkingDay, d.Holiday, d.MakeUpDay, d.IsProvisional, d.Slots.Select(SlotView.Of).ToList());
}

/// <summary>A slot: local start and end (<c>HH:mm</c>), the instants, capacity, places taken and left, and whether it can still be booked.</summary>
public sealed record SlotView(string Start, string End, Instant StartsAt, Instant EndsAt, int Capacity, int Booked, int Remaining, bool Bookable)
{
    public static SlotView Of(Slot s) => new(s.From.ToString("HH:mm", null), s.To.ToString("HH:mm", null), s.Start, s.End, s.Capacity, s.Booked, s.Remaining, !s.IsPast && s.Remaining > 0);
}

/// <summary>An appointment in the API: never the ID-card number or its hash; name and mobile masked.</summary>
public sealed record AppointmentView(string Id, string Hall, string Category, string Day, Instant SlotStart, Instant SlotEnd, string DisplayName, string Mobile,
    string? Agent, AppointmentState State, Instant CreatedAt, Instant? CancelledAt, Instant? CheckedInAt, Instant? NoShowAt)
{
    public static AppointmentView Of(Appointment a) =>
        new(a.Id, a.Hall, a.Category, a.Day, a.SlotStart, a.SlotEnd, a.DisplayName, a.Mobile, a.Agent, a.State, a.CreatedAt, a.CancelledAt, a.CheckedInAt, a.NoShowAt);
}

/// <summary>The public applicant proves who they are by the ID-card number the appointment was booked with (in the body, never the address).</summary>
public sealed record IdentityProof(string? IdNumber);

/// <summary>The booking supervision of a period (docs/appointments.md, *Supervision*).</summary>
public sealed record BookingReportView(LocalDate From, LocalDate To, IReadOnlyList<BookingFigures> Figures, IReadOnlyList<BanView> Bans, IReadOnlyList<SuspiciousPattern> Flags, bool Cut);

/// <summary>A ban: the masked name, the start of the identity's hash, the no-shows counted, from and until.</summary>
public sealed record BanView(string DisplayName, string Identity, int NoShows, Instant From, Instant Until)
{
    public static BanView Of(AppointmentBan b) => new(b.DisplayName, b.IdentityHash[..8], b.NoShows, b.From, b.Until);
}
