using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Audit;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Appointments;

/// <summary>
/// Records a no-show and, when it is the <see cref="AppointmentRules.NoShowLimit"/>-th of its identity within
/// <see cref="AppointmentRules.NoShowPeriodDays"/> (counting only no-shows after the identity's last ban began), bars the
/// identity for <see cref="AppointmentRules.BanDays"/> with an audit entry <c>appointment.banned</c> (docs/appointments.md, *No-shows and bans*).
/// </summary>
internal static class NoShows
{
    /// <summary>Records it in a transaction of its own; false when the appointment was not Booked or CheckedIn any more (someone else recorded it, or it was cancelled).</summary>
    public static async Task<bool> RecordAsync(WorkflowDbContext db, Appointment appointment, Instant now, AppointmentRules rules, AuditTrail audit, CancellationToken cancellationToken)
    {
        var at = appointment.SlotEnd < now ? appointment.SlotEnd : now;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        // Booked (the sweep, after the slot) or checked in (the queue: called at the window, the holder did not come).
        var updated = await db.Set<Appointment>().Where(a => a.Id == appointment.Id && (a.State == AppointmentState.Booked || a.State == AppointmentState.CheckedIn))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.State, AppointmentState.NoShow).SetProperty(a => a.NoShowAt, (Instant?)at), cancellationToken);
        if (updated == 0) return false;
        if (rules.NoShowLimit > 0) await BanIfDueAsync(db, appointment, now, rules, audit, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task BanIfDueAsync(WorkflowDbContext db, Appointment appointment, Instant now, AppointmentRules rules, AuditTrail audit, CancellationToken cancellationToken)
    {
        var identity = appointment.IdentityHash;
        var bans = db.Set<AppointmentBan>().Where(b => b.IdentityHash == identity);
        if (await bans.AnyAsync(b => b.Until > now, cancellationToken)) return;
        var lastBan = await bans.OrderByDescending(b => b.From).Select(b => (Instant?)b.From).FirstOrDefaultAsync(cancellationToken);
        var since = now - Duration.FromDays(rules.NoShowPeriodDays);
        if (lastBan is { } from && from > since) since = from;
        var count = await db.Set<Appointment>().CountAsync(a => a.IdentityHash == identity && a.State == AppointmentState.NoShow && a.NoShowAt > since, cancellationToken);
        if (count < rules.NoShowLimit) return;
        var ban = new AppointmentBan { IdentityHash = identity, DisplayName = appointment.DisplayName, NoShows = count, From = now, Until = now + Duration.FromDays(rules.BanDays) };
        db.Add(ban);
        await audit.AppendAsync(db, [new AuditFact("appointment.banned", "system", "system",
            Before: $"{appointment.DisplayName} {identity[..12]}: {count} no-shows in {rules.NoShowPeriodDays.ToString(CultureInfo.InvariantCulture)} days",
            After: $"no booking until {ban.Until}")], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// Every scheduler sweep (docs/scheduling.md) records appointments still booked after their slot ended as no-shows, at the
/// slot's end; safe in several hosts at once (each change is conditional on the appointment still being booked).
/// </summary>
public sealed class NoShowSweep(IDbContextFactory<WorkflowDbContext> contexts, IClock clock, AppointmentRules rules, AuditTrail audit) : Engine.Scheduling.ISchedulerSweep
{
    /// <summary>How many appointments one sweep records at most; the next sweep takes the rest.</summary>
    private const int Batch = 500;

    /// <inheritdoc />
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await RecordDueAsync(cancellationToken);
        return 0; // resumes no bookmarks
    }

    /// <summary>Records the due no-shows; how many it recorded.</summary>
    public async Task<int> RecordDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Set<Appointment>().AsNoTracking().Where(a => a.State == AppointmentState.Booked && a.SlotEnd <= now)
            .OrderBy(a => a.SlotEnd).Take(Batch).ToListAsync(cancellationToken);
        var recorded = 0;
        foreach (var appointment in due)
            if (await NoShows.RecordAsync(db, appointment, now, rules, audit, cancellationToken)) recorded++;
        return recorded;
    }
}
