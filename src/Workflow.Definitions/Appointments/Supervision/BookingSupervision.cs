using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Appointments.Supervision;

/// <summary>
/// The booking figures of a period for the supervision (docs/appointments.md, *Supervision*): bookings, cancellations,
/// check-ins and no-shows per hall and category, the bans, and the patterns of grabbing and reselling places flagged —
/// many bookings or cancellations from one client or identity, and places released and taken by someone else within minutes.
/// </summary>
public sealed class BookingSupervision(IDbContextFactory<WorkflowDbContext> contexts, AppointmentRules rules)
{
    /// <summary>The most appointments one report reads; a longer period is cut (and says so).</summary>
    public const int MaxRows = 50_000;

    /// <summary>The report of [<paramref name="start"/>, <paramref name="end"/>): events whose instant falls in it.</summary>
    public async Task<BookingReport> ReportAsync(Instant start, Instant end, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<Appointment>().AsNoTracking()
            .Where(a => (a.CreatedAt >= start && a.CreatedAt < end) || (a.CancelledAt >= start && a.CancelledAt < end)
                || (a.CheckedInAt >= start && a.CheckedInAt < end) || (a.NoShowAt >= start && a.NoShowAt < end))
            .OrderBy(a => a.CreatedAt).Take(MaxRows + 1).ToListAsync(cancellationToken);
        var cut = rows.Count > MaxRows;
        if (cut) rows.RemoveAt(rows.Count - 1);
        bool In(Instant? at) => at >= start && at < end;

        var figures = rows.GroupBy(a => (a.Hall, a.Category)).OrderBy(g => g.Key.Hall, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => new BookingFigures(g.Key.Hall, g.Key.Category, g.Count(a => In(a.CreatedAt)), g.Count(a => In(a.CancelledAt)),
                g.Count(a => In(a.CheckedInAt)), g.Count(a => In(a.NoShowAt)))).ToList();
        var bans = await db.Set<AppointmentBan>().AsNoTracking().Where(b => b.From < end && b.Until > start).OrderByDescending(b => b.From).Take(500).ToListAsync(cancellationToken);
        return new BookingReport(figures, bans, Flags(rows, In), cut);
    }

    private List<SuspiciousPattern> Flags(List<Appointment> rows, Func<Instant?, bool> inPeriod)
    {
        var flags = new List<SuspiciousPattern>();
        var booked = rows.Where(a => inPeriod(a.CreatedAt)).ToList();
        var cancelled = rows.Where(a => inPeriod(a.CancelledAt)).ToList();
        foreach (var g in booked.Where(a => a.ClientHash is not null).GroupBy(a => a.ClientHash!).Where(g => g.Count() >= rules.FlagClientBookings))
            flags.Add(Flag(SuspicionKind.ClientBookings, "client " + g.Key[..8], g.ToList(), g.Select(a => a.CreatedAt)));
        foreach (var g in booked.GroupBy(a => a.IdentityHash).Where(g => g.Count() >= rules.FlagIdentityBookings))
            flags.Add(Flag(SuspicionKind.IdentityBookings, Person(g), g.ToList(), g.Select(a => a.CreatedAt)));
        foreach (var g in cancelled.GroupBy(a => a.IdentityHash).Where(g => g.Count() >= rules.FlagCancellations))
            flags.Add(Flag(SuspicionKind.IdentityCancellations, Person(g), g.ToList(), g.Select(a => a.CancelledAt!.Value)));
        foreach (var g in cancelled.Where(a => a.ClientHash is not null).GroupBy(a => a.ClientHash!).Where(g => g.Count() >= rules.FlagCancellations))
            flags.Add(Flag(SuspicionKind.ClientCancellations, "client " + g.Key[..8], g.ToList(), g.Select(a => a.CancelledAt!.Value)));
        // A place handed over: cancelled, and the same hall's same slot booked by another identity within minutes.
        var window = Duration.FromMinutes(rules.FlagRetakeMinutes);
        var bySlot = booked.ToLookup(a => (a.Hall, a.SlotStart));
        foreach (var release in cancelled)
        {
            var retaken = bySlot[(release.Hall, release.SlotStart)]
                .Where(b => b.IdentityHash != release.IdentityHash && b.CreatedAt >= release.CancelledAt && b.CreatedAt <= release.CancelledAt + window).ToList();
            if (retaken.Count > 0)
                flags.Add(Flag(SuspicionKind.ReleasedAndRetaken, $"{release.DisplayName} → {string.Join("、", retaken.Select(r => r.DisplayName))}",
                    [release, .. retaken], [release.CancelledAt!.Value, .. retaken.Select(r => r.CreatedAt)]));
        }
        return flags.OrderByDescending(f => f.Last).ToList();
    }

    private static string Person(IGrouping<string, Appointment> g) => $"{g.Last().DisplayName} ({g.Key[..8]})";

    private static SuspiciousPattern Flag(SuspicionKind kind, string subject, IReadOnlyList<Appointment> appointments, IEnumerable<Instant> at)
    {
        var instants = at.ToList();
        return new SuspiciousPattern(kind, subject, appointments.Count, instants.Min(), instants.Max(), appointments.Select(a => a.Id).Distinct().ToList());
    }
}

/// <summary>What <see cref="BookingSupervision.ReportAsync"/> answers.</summary>
/// <param name="Figures">Per hall and category.</param>
/// <param name="Bans">Bans in force at some time in the period, newest first.</param>
/// <param name="Flags">The suspicious patterns, newest first.</param>
/// <param name="Cut">True when the period held more than <see cref="BookingSupervision.MaxRows"/> appointments and the rest were not read.</param>
public sealed record BookingReport(IReadOnlyList<BookingFigures> Figures, IReadOnlyList<AppointmentBan> Bans, IReadOnlyList<SuspiciousPattern> Flags, bool Cut);

/// <summary>The counts of one hall and category in the period.</summary>
/// <param name="Hall">The hall's code.</param>
/// <param name="Category">The category's code.</param>
/// <param name="Booked">Appointments booked in the period.</param>
/// <param name="Cancelled">Cancelled in the period.</param>
/// <param name="CheckedIn">Checked in in the period.</param>
/// <param name="NoShows">Recorded as no-shows in the period.</param>
public sealed record BookingFigures(string Hall, string Category, int Booked, int Cancelled, int CheckedIn, int NoShows);

/// <summary>Which pattern a flag is.</summary>
public enum SuspicionKind
{
    /// <summary>One client address booked many times (<see cref="AppointmentRules.FlagClientBookings"/>).</summary>
    ClientBookings,
    /// <summary>One identity booked many times (<see cref="AppointmentRules.FlagIdentityBookings"/>).</summary>
    IdentityBookings,
    /// <summary>One identity cancelled many times (<see cref="AppointmentRules.FlagCancellations"/>).</summary>
    IdentityCancellations,
    /// <summary>One client address cancelled many times.</summary>
    ClientCancellations,
    /// <summary>A place cancelled and booked by another identity within <see cref="AppointmentRules.FlagRetakeMinutes"/>.</summary>
    ReleasedAndRetaken,
}

/// <summary>A flagged pattern: what, whom (masked name or the start of a hash), how many appointments, when, and which.</summary>
/// <param name="Kind">The pattern.</param>
/// <param name="Subject">The masked name(s) or the first 8 hex digits of the client's hash.</param>
/// <param name="Count">How many appointments make it up.</param>
/// <param name="First">The first event.</param>
/// <param name="Last">The last event.</param>
/// <param name="Appointments">Their ids.</param>
public sealed record SuspiciousPattern(SuspicionKind Kind, string Subject, int Count, Instant First, Instant Last, IReadOnlyList<string> Appointments);
