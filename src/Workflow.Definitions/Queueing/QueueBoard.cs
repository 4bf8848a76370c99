using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Appointments;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Queueing;

/// <summary>A hall's display (叫号屏): each window's latest call, and the last calls of the day, newest first.</summary>
public sealed record HallBoard(string Hall, IReadOnlyList<QueueCallRow> Current, IReadOnlyList<QueueCallRow> Recent, long Version);

/// <summary>A window's desk: the ticket it serves and the tickets it would call next, in order.</summary>
public sealed record WindowDesk(ServiceWindow Window, QueueTicketRow? Serving, IReadOnlyList<QueueTicketRow> Waiting);

/// <summary>Where a ticket stands for its holder: how many are called before it while it waits.</summary>
public sealed record TicketPosition(QueueTicketRow Ticket, int Ahead);

/// <summary>
/// What the queue shows (docs/queueing.md): the hall's display, a window's desk and a holder's position. The display's
/// <see cref="HallBoard.Version"/> changes whenever any host adds a call, which is what the live display polls for.
/// </summary>
public sealed class QueueBoard(IDbContextFactory<WorkflowDbContext> contexts, HallDirectory halls, QueueDesk desk, QueueOptions options, IClock clock)
{
    /// <summary>The version of today's calls in <paramref name="hall"/>: how many there are (rows are only ever added, so it grows with every commit, whatever order ids commit in).</summary>
    public async Task<long> VersionAsync(string hall, CancellationToken cancellationToken = default)
    {
        var day = desk.DayOf(clock.GetCurrentInstant());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<QueueCallRow>().LongCountAsync(c => c.Hall == hall && c.Day == day, cancellationToken);
    }

    /// <summary>The hall's display now.</summary>
    public async Task<HallBoard> HallAsync(string hall, CancellationToken cancellationToken = default)
    {
        var day = desk.DayOf(clock.GetCurrentInstant());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var calls = db.Set<QueueCallRow>().AsNoTracking().Where(c => c.Hall == hall && c.Day == day);
        var version = await calls.LongCountAsync(cancellationToken);
        var recent = await calls.OrderByDescending(c => c.Id).Take(Math.Max(options.RecentCalls, 1)).ToListAsync(cancellationToken);
        var windows = (await halls.SnapshotAsync(cancellationToken)).WindowsOf(hall).Select(w => w.Number).ToList();
        var current = new List<QueueCallRow>();
        foreach (var window in windows)
        {
            var latest = await calls.Where(c => c.Window == window).OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
            if (latest is not null) current.Add(latest);
        }
        return new HallBoard(hall, current.OrderByDescending(c => c.Id).ToList(), recent, version);
    }

    /// <summary>The window's desk now; null for an unknown window.</summary>
    public async Task<WindowDesk?> WindowAsync(string? hall, string? window, CancellationToken cancellationToken = default)
    {
        if (QueueDesk.FindWindow(await halls.SnapshotAsync(cancellationToken), hall, window) is not { } w) return null;
        var now = clock.GetCurrentInstant();
        var day = desk.DayOf(now);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var serving = await db.Set<QueueTicketRow>().AsNoTracking().FirstOrDefaultAsync(t => t.Day == day && t.State == TicketState.Called && t.Hall == w.Hall && t.Window == w.Number, cancellationToken);
        var waiting = await QueueDesk.WaitingForAsync(db, w, day, cancellationToken);
        return new WindowDesk(w, serving, CallingOrder.Sort(waiting, now).ToList());
    }

    /// <summary>One ticket by id (for the window's actions); null when unknown.</summary>
    public async Task<QueueTicketRow?> TicketAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<QueueTicketRow>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
    }

    /// <summary>
    /// Today's ticket <paramref name="number"/> when <paramref name="code"/> is its follow code, with how many waiting
    /// tickets of its hall and category are called before it; null for an unknown number and a wrong code alike.
    /// </summary>
    public async Task<TicketPosition?> PositionAsync(string? number, string? code, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var day = desk.DayOf(now);
        var wanted = (number ?? "").Trim().ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ticket = await db.Set<QueueTicketRow>().AsNoTracking().FirstOrDefaultAsync(t => t.Day == day && t.Number == wanted, cancellationToken);
        if (!CaseNumbers.QueryCodes.Matches(ticket?.Code ?? "######", code) || ticket is null) return null;
        if (ticket.State != TicketState.Waiting) return new TicketPosition(ticket, 0);
        var rivals = await db.Set<QueueTicketRow>().AsNoTracking()
            .Where(t => t.Day == day && t.Hall == ticket.Hall && t.Category == ticket.Category && t.State == TicketState.Waiting
                        && (t.TargetWindow == null || t.TargetWindow == ticket.TargetWindow))
            .ToListAsync(cancellationToken);
        var ahead = CallingOrder.Sort(rivals, now).TakeWhile(t => t.Id != ticket.Id).Count();
        return new TicketPosition(ticket, ahead);
    }
}
