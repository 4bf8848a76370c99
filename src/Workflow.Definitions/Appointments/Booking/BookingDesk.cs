using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Workflow.Definitions.Appointments.Identity;
using Workflow.Definitions.Appointments.Slots;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Messages;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Appointments.Booking;

/// <summary>
/// Books and cancels appointments (docs/appointments.md, *Rules*). Capacity is enforced by one conditional upsert of the
/// slot's counter row (<c>appt_slot_counts</c>) in the booking's transaction — the row lock (PostgreSQL) or the one writer
/// (SQLite) queues concurrent bookings, and the counter never passes the capacity — and the partial unique index on
/// (identity, category, day) is the last guard of one active appointment per person, category and day.
/// </summary>
public sealed class BookingDesk(IDbContextFactory<WorkflowDbContext> contexts, HallDirectory halls, SlotPlanner slots, HallClock clock, IdentityHasher hasher, AppointmentRules rules)
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The longest name accepted.</summary>
    public const int MaxName = 50;

    /// <summary>Books the slot for the person named in <paramref name="request"/>.</summary>
    /// <exception cref="PermitRuleViolation">A field is missing or wrong, the day is not worked, the slot is no slot, has begun or is too far ahead (422, naming the field).</exception>
    /// <exception cref="StepConflictException">The identity is banned, has an active appointment for the category that day, or the slot is full (409).</exception>
    /// <exception cref="BookingThrottledException">The identity booked too often in 24 hours (429).</exception>
    public async Task<Appointment> BookAsync(BookingRequest request, Booker booker, CancellationToken cancellationToken = default)
    {
        var snapshot = await halls.SnapshotAsync(cancellationToken);
        var errors = new Dictionary<string, RuleMessage[]>();
        var hall = snapshot.FindHall(request.Hall);
        var category = snapshot.FindCategory(request.Category);
        if (hall is null) errors["hall"] = [new(RuleCodes.AppointmentHallUnknown, request.Hall ?? "")];
        if (category is null) errors["category"] = [new(RuleCodes.AppointmentCategoryUnknown, request.Category ?? "")];
        else if (hall is not null && !snapshot.Serves(hall.Code, category.Code)) errors["category"] = [new(RuleCodes.AppointmentCategoryNotServed, hall, category)];
        if (string.IsNullOrWhiteSpace(request.Name)) errors["name"] = [new(RuleCodes.AppointmentNameRequired)];
        else if (request.Name.Trim().Length > MaxName) errors["name"] = [new(RuleCodes.TextTooLong, MaxName)];
        var mobile = request.Mobile?.Trim();
        if (!PersonMasks.IsMobile(mobile)) errors["mobile"] = [new(RuleCodes.AppointmentMobileInvalid)];
        var today = hall is null ? clock.Now.InUtc().Date : clock.Today(hall);
        var (number, idError) = IdCardNumber.Normalize(request.IdNumber, today);
        if (idError is not null) errors["idNumber"] = [new(idError)];
        var date = DatePattern.Parse(request.Date ?? "");
        if (!date.Success) errors["date"] = [new(RuleCodes.AppointmentSlotUnknown, request.Date ?? "")];
        var start = TimePattern.Parse(request.Start ?? "");
        if (!start.Success) errors["start"] = [new(RuleCodes.AppointmentSlotUnknown, request.Start ?? "")];
        if (errors.Count > 0) throw new PermitRuleViolation(errors);

        var slot = await SlotAsync(hall!, date.Value, start.Value, today, cancellationToken);
        var identity = await hasher.HashIdentityAsync(number!, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RefuseBannedAsync(db, identity, cancellationToken);
        await ThrottleAsync(db, identity, cancellationToken);
        var day = DatePattern.Format(date.Value);
        var appointment = new Appointment
        {
            Id = Guid.NewGuid().ToString("N"), Hall = hall!.Code, Category = category!.Code, Day = day, SlotStart = slot.Start, SlotEnd = slot.End,
            IdentityHash = identity, DisplayName = PersonMasks.Name(request.Name!), Mobile = PersonMasks.Mobile(mobile!), Agent = booker.Agent,
            ClientHash = await hasher.HashClientAsync(booker.Client, cancellationToken), State = AppointmentState.Booked, CreatedAt = clock.Now,
        };
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ActiveAsync(db, identity, category.Code, day, cancellationToken)) throw Duplicate(category, day);
        var startNanos = InstantToUnixNanosecondsConverter.ToUnixNanoseconds(slot.Start);
        // One statement on both providers: the first booking of a slot inserts its counter, later ones bump it while places are left.
        var taken = await db.Database.SqlQuery<int>($"""
            INSERT INTO appt_slot_counts (hall, slot_start, booked) VALUES ({hall.Code}, {startNanos}, 1)
            ON CONFLICT (hall, slot_start) DO UPDATE SET booked = appt_slot_counts.booked + 1 WHERE appt_slot_counts.booked < {hall.Capacity}
            RETURNING booked AS "Value"
            """).ToListAsync(cancellationToken);
        if (taken.Count == 0)
            throw new StepConflictException("", RuleCodes.AppointmentSlotFull, TimePattern.Format(slot.From), hall.Capacity);
        db.Add(appointment);
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException) { throw Duplicate(category, day); /* a concurrent booking of the same person committed first */ }
        await tx.CommitAsync(cancellationToken);
        return appointment;
    }

    /// <summary>
    /// Cancels a booked appointment up to <see cref="AppointmentRules.CancelCutoffMinutes"/> before its slot; its place goes back.
    /// The holder proves it is theirs by the agent who booked it (<paramref name="agent"/>) or by the ID-card number it was
    /// booked with (<paramref name="idNumber"/>). Null when there is no such appointment or it is not theirs.
    /// </summary>
    /// <exception cref="StepConflictException">Not booked any more, or past the cut-off (409).</exception>
    public async Task<Appointment?> CancelAsync(string id, string? agent, string? idNumber, CancellationToken cancellationToken = default)
    {
        var found = await FindOwnAsync(id, agent, idNumber, cancellationToken);
        if (found is null) return null;
        var now = clock.Now;
        if (found.State != AppointmentState.Booked) throw new StepConflictException("", RuleCodes.AppointmentStateConflict, found.State.ToString());
        var cutoff = found.SlotStart - Duration.FromMinutes(rules.CancelCutoffMinutes);
        if (now > cutoff) throw new StepConflictException("", RuleCodes.AppointmentCancelCutoff, rules.CancelCutoffMinutes);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await db.Set<Appointment>().Where(a => a.Id == id && a.State == AppointmentState.Booked)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.State, AppointmentState.Cancelled).SetProperty(a => a.CancelledAt, (Instant?)now), cancellationToken);
        if (updated == 0) throw new StepConflictException("", RuleCodes.AppointmentStateConflict, nameof(AppointmentState.Cancelled));
        var startNanos = InstantToUnixNanosecondsConverter.ToUnixNanoseconds(found.SlotStart);
        await db.Database.ExecuteSqlAsync($"UPDATE appt_slot_counts SET booked = booked - 1 WHERE hall = {found.Hall} AND slot_start = {startNanos} AND booked > 0", cancellationToken);
        await tx.CommitAsync(cancellationToken);
        found.State = AppointmentState.Cancelled;
        found.CancelledAt = now;
        return found;
    }

    /// <summary>An appointment of the holder (<paramref name="agent"/> who booked it, or the ID number it was booked with); null otherwise.</summary>
    public async Task<Appointment?> FindOwnAsync(string id, string? agent, string? idNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (found is null) return null;
        if (agent is not null && found.Agent == agent) return found;
        if (await IdentityOrNullAsync(idNumber, cancellationToken) is { } identity && identity == found.IdentityHash) return found;
        return null;
    }

    /// <summary>The appointments an agent booked, newest slot first (at most 200).</summary>
    public async Task<IReadOnlyList<Appointment>> OfAgentAsync(string agent, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Appointment>().AsNoTracking().Where(a => a.Agent == agent).OrderByDescending(a => a.SlotStart).Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>The appointments booked with an ID-card number, newest slot first (at most 200); none for an invalid number.</summary>
    public async Task<IReadOnlyList<Appointment>> OfIdentityAsync(string? idNumber, CancellationToken cancellationToken = default)
    {
        if (await IdentityOrNullAsync(idNumber, cancellationToken) is not { } identity) return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Appointment>().AsNoTracking().Where(a => a.IdentityHash == identity).OrderByDescending(a => a.SlotStart).Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>The ban in force on the identity of <paramref name="idNumber"/>, or null.</summary>
    public async Task<AppointmentBan?> BanOfAsync(string? idNumber, CancellationToken cancellationToken = default)
    {
        if (await IdentityOrNullAsync(idNumber, cancellationToken) is not { } identity) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.Now;
        return await db.Set<AppointmentBan>().AsNoTracking().Where(b => b.IdentityHash == identity && b.Until > now).OrderByDescending(b => b.Until).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<string?> IdentityOrNullAsync(string? idNumber, CancellationToken cancellationToken)
    {
        var (number, error) = IdCardNumber.Normalize(idNumber, clock.Now.InUtc().Date.PlusDays(1));
        return error is null ? await hasher.HashIdentityAsync(number!, cancellationToken) : null;
    }

    private async Task<Slot> SlotAsync(Hall hall, LocalDate date, LocalTime start, LocalDate today, CancellationToken cancellationToken)
    {
        if (date < today) throw PermitRuleViolation.For("date", RuleCodes.AppointmentSlotPast);
        if (date > today.PlusDays(rules.BookingDays)) throw PermitRuleViolation.For("date", RuleCodes.AppointmentSlotTooFar, rules.BookingDays);
        var day = await slots.DayAsync(hall, date, cancellationToken);
        if (!day.IsWorkingDay)
            throw PermitRuleViolation.For("date", RuleCodes.AppointmentDayClosed, DatePattern.Format(date), day.Holiday is { } holiday ? $"（{holiday}）" : "");
        var slot = day.At(start) ?? throw PermitRuleViolation.For("start", RuleCodes.AppointmentSlotUnknown, TimePattern.Format(start));
        if (slot.IsPast) throw PermitRuleViolation.For("start", RuleCodes.AppointmentSlotPast);
        return slot;
    }

    private async Task RefuseBannedAsync(WorkflowDbContext db, string identity, CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var ban = await db.Set<AppointmentBan>().AsNoTracking().Where(b => b.IdentityHash == identity && b.Until > now).OrderByDescending(b => b.Until).FirstOrDefaultAsync(cancellationToken);
        if (ban is null) return;
        var hall = (await halls.SnapshotAsync(cancellationToken)).Halls.FirstOrDefault();
        var until = hall is null ? ban.Until.ToString() : clock.Local(hall, ban.Until).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        throw new StepConflictException("", RuleCodes.AppointmentBanned, ban.NoShows, rules.NoShowPeriodDays, until);
    }

    private async Task ThrottleAsync(WorkflowDbContext db, string identity, CancellationToken cancellationToken)
    {
        if (rules.IdentityBookingsPerDay <= 0) return;
        var since = clock.Now - Duration.FromDays(1);
        var recent = await db.Set<Appointment>().AsNoTracking().Where(a => a.IdentityHash == identity && a.CreatedAt > since)
            .OrderByDescending(a => a.CreatedAt).Select(a => a.CreatedAt).Take(rules.IdentityBookingsPerDay).ToListAsync(cancellationToken);
        if (recent.Count >= rules.IdentityBookingsPerDay) throw new BookingThrottledException(recent[^1] - since);
    }

    private static Task<bool> ActiveAsync(WorkflowDbContext db, string identity, string category, string day, CancellationToken cancellationToken) =>
        db.Set<Appointment>().AnyAsync(a => a.IdentityHash == identity && a.Category == category && a.Day == day
            && (a.State == AppointmentState.Booked || a.State == AppointmentState.CheckedIn), cancellationToken);

    private static StepConflictException Duplicate(ServiceCategory category, string day) => new("", RuleCodes.AppointmentDuplicate, category, day);
}
