using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Queueing;

/// <summary>What the queue's figures are grouped by.</summary>
public enum QueueDimension
{
    /// <summary>Per hall.</summary>
    Hall,
    /// <summary>Per window, keyed <c>hall/number</c> (the window that called the ticket last; tickets never called have none).</summary>
    Window,
    /// <summary>Per service category (the ticket's category at the end).</summary>
    Category,
}

/// <summary>
/// The figures of one hall, window or category over one day (<see cref="Day"/>) or the whole period (<see cref="Day"/> null):
/// tickets issued, called, served and no-shows, the waiting time from check-in to the first call and the service time
/// from the last call to the end of service, each as median and 90th percentile in minutes (null without data).
/// </summary>
public sealed record QueueFigureRow(QueueDimension Dimension, string Key, string? Day, int Issued, int Called, int Served, int NoShows,
    double? WaitP50, double? WaitP90, double? ServiceP50, double? ServiceP90);

/// <summary>The queue's figures for supervision (docs/queueing.md, *Figures*).</summary>
public sealed class QueueFigures(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>The figures of the tickets issued from <paramref name="start"/> (included) to <paramref name="end"/> (excluded).</summary>
    public async Task<IReadOnlyList<QueueFigureRow>> ReadAsync(Instant start, Instant end, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tickets = await db.Set<QueueTicketRow>().AsNoTracking().Where(t => t.IssuedAt >= start && t.IssuedAt < end).ToListAsync(cancellationToken);
        return Compute(tickets);
    }

    /// <summary>The figures of <paramref name="tickets"/>: per dimension and key, each day and then the whole period.</summary>
    public static IReadOnlyList<QueueFigureRow> Compute(IReadOnlyCollection<QueueTicketRow> tickets)
    {
        var rows = new List<QueueFigureRow>();
        foreach (var dimension in Enum.GetValues<QueueDimension>())
        {
            foreach (var group in tickets.Select(t => (Key: KeyOf(t, dimension), Ticket: t)).Where(x => x.Key is not null)
                         .GroupBy(x => x.Key!, x => x.Ticket).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.AddRange(group.GroupBy(t => t.Day).OrderBy(d => d.Key, StringComparer.Ordinal).Select(day => Row(dimension, group.Key, day.Key, day.ToList())));
                rows.Add(Row(dimension, group.Key, null, group.ToList()));
            }
        }
        return rows;
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–1) of <paramref name="values"/>; null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static string? KeyOf(QueueTicketRow ticket, QueueDimension dimension) => dimension switch
    {
        QueueDimension.Hall => ticket.Hall,
        QueueDimension.Window => ticket.Window is null ? null : $"{ticket.Hall}/{ticket.Window}",
        _ => ticket.Category,
    };

    private static QueueFigureRow Row(QueueDimension dimension, string key, string? day, List<QueueTicketRow> tickets)
    {
        var waits = tickets.Where(t => t.FirstCalledAt is not null).Select(t => (t.FirstCalledAt!.Value - t.IssuedAt).TotalMinutes).ToList();
        var services = tickets.Where(t => t.State == TicketState.Served && t.CalledAt is not null && t.EndedAt is not null)
            .Select(t => (t.EndedAt!.Value - t.CalledAt!.Value).TotalMinutes).ToList();
        return new QueueFigureRow(dimension, key, day, tickets.Count, waits.Count, services.Count, tickets.Count(t => t.State == TicketState.NoShow),
            Percentile(waits, 0.5), Percentile(waits, 0.9), Percentile(services, 0.5), Percentile(services, 0.9));
    }
}
