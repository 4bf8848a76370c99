using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Definitions.Messages;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Appointments;

/// <summary>
/// What the queue side asks of appointments (docs/appointments.md, *Check-in*): find today's appointment of the person
/// standing at the kiosk by their ID-card number and mark it checked in, and record a no-show. An appointment is bound to
/// the number it was booked with: nobody else can use it (the hash of another number never matches).
/// </summary>
public sealed class AppointmentCheckIn(IDbContextFactory<WorkflowDbContext> contexts, HallDirectory halls, HallClock clock, IdentityHasher hasher, AppointmentRules rules, Audit.AuditTrail audit)
{
    /// <summary>
    /// Checks in the person with ID-card number <paramref name="idNumber"/> for their appointment today at
    /// <paramref name="hall"/> for <paramref name="category"/> (from <see cref="AppointmentRules.CheckInEarlyMinutes"/> before
    /// the slot until its end). Returns the appointment, now <see cref="AppointmentState.CheckedIn"/>.
    /// </summary>
    /// <exception cref="PermitRuleViolation">Unknown hall or category, an invalid number, or no appointment of this number
    /// today (field <c>idNumber</c>, <see cref="RuleCodes.AppointmentCheckInNone"/>).</exception>
    /// <exception cref="Cases.StepConflictException">Too early (<see cref="RuleCodes.AppointmentCheckInEarly"/>), or it was checked in already (409).</exception>
    public async Task<Appointment> CheckInAsync(string hall, string category, string? idNumber, CancellationToken cancellationToken = default)
    {
        var snapshot = await halls.SnapshotAsync(cancellationToken);
        var theHall = snapshot.FindHall(hall) ?? throw PermitRuleViolation.For("hall", RuleCodes.AppointmentHallUnknown, hall);
        var theCategory = snapshot.FindCategory(category) ?? throw PermitRuleViolation.For("category", RuleCodes.AppointmentCategoryUnknown, category);
        var identity = await IdentityAsync(theHall, idNumber, cancellationToken);
        var today = LocalDatePattern.Iso.Format(clock.Today(theHall));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.Hall == hall && a.Category == category && a.Day == today && a.IdentityHash == identity)
            .Where(a => a.State == AppointmentState.Booked || a.State == AppointmentState.CheckedIn)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw PermitRuleViolation.For("idNumber", RuleCodes.AppointmentCheckInNone, theHall, theCategory);
        return await MarkAsync(db, theHall, found, cancellationToken);
    }

    /// <summary>
    /// Checks in appointment <paramref name="appointmentId"/> (e.g. from the QR code on the booking confirmation), which the
    /// person must prove with the same ID-card number it was booked with. Null when there is no such appointment.
    /// </summary>
    /// <exception cref="PermitRuleViolation">An invalid number, or another number than the appointment's (field <c>idNumber</c>, <see cref="RuleCodes.AppointmentIdentityMismatch"/>).</exception>
    /// <exception cref="Cases.StepConflictException">Not today, too early, over, cancelled, or checked in already (409).</exception>
    public async Task<Appointment?> CheckInByIdAsync(string appointmentId, string? idNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (found is null) return null;
        var hall = (await halls.SnapshotAsync(cancellationToken)).FindHall(found.Hall)!;
        var identity = await IdentityAsync(hall, idNumber, cancellationToken);
        if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Convert.FromHexString(identity), Convert.FromHexString(found.IdentityHash)))
            throw PermitRuleViolation.For("idNumber", RuleCodes.AppointmentIdentityMismatch);
        return await MarkAsync(db, hall, found, cancellationToken);
    }

    /// <summary>
    /// Records appointment <paramref name="appointmentId"/> as a no-show at its slot's end (the queue side's "did not come";
    /// the <see cref="NoShowSweep"/> does the same for every appointment left booked past its slot). Counts towards a ban.
    /// Null when there is no such appointment.
    /// </summary>
    /// <exception cref="Cases.StepConflictException">It is neither <see cref="AppointmentState.Booked"/> nor <see cref="AppointmentState.CheckedIn"/> (409).</exception>
    public async Task<Appointment?> RecordNoShowAsync(string appointmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (found is null) return null;
        if (!await NoShows.RecordAsync(db, found, clock.Now, rules, audit, cancellationToken))
            throw new Cases.StepConflictException("", RuleCodes.AppointmentStateConflict, found.State.ToString());
        found.State = AppointmentState.NoShow;
        found.NoShowAt = found.SlotEnd < clock.Now ? found.SlotEnd : clock.Now;
        return found;
    }

    private async Task<string> IdentityAsync(Hall hall, string? idNumber, CancellationToken cancellationToken)
    {
        var (number, error) = IdCardNumber.Normalize(idNumber, clock.Today(hall));
        if (error is not null) throw PermitRuleViolation.For("idNumber", error);
        return await hasher.HashIdentityAsync(number!, cancellationToken);
    }

    private async Task<Appointment> MarkAsync(WorkflowDbContext db, Hall hall, Appointment found, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var opens = found.SlotStart - Duration.FromMinutes(rules.CheckInEarlyMinutes);
        if (found.State != AppointmentState.Booked || now >= found.SlotEnd || found.Day != LocalDatePattern.Iso.Format(clock.Today(hall)))
            throw new Cases.StepConflictException("", RuleCodes.AppointmentStateConflict, now >= found.SlotEnd && found.State == AppointmentState.Booked ? nameof(AppointmentState.NoShow) : found.State.ToString());
        if (now < opens)
            throw new Cases.StepConflictException("", RuleCodes.AppointmentCheckInEarly, clock.Local(hall, opens).TimeOfDay.ToString("HH:mm", null));
        // Conditional on the state it leaves, so two kiosks checking in the same appointment at once succeed once.
        var updated = await db.Set<Appointment>().Where(a => a.Id == found.Id && a.State == AppointmentState.Booked)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.State, AppointmentState.CheckedIn).SetProperty(a => a.CheckedInAt, (Instant?)now), cancellationToken);
        if (updated == 0) throw new Cases.StepConflictException("", RuleCodes.AppointmentStateConflict, nameof(AppointmentState.CheckedIn));
        found.State = AppointmentState.CheckedIn;
        found.CheckedInAt = now;
        return found;
    }
}
