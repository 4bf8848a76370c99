using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Appointments;

/// <summary>
/// Reads the halls, windows and categories (docs/appointments.md) and writes the configured ones at start-up. They change
/// only at start-up, so reads come from one snapshot loaded on first use and replaced by <see cref="EnsureAsync"/>.
/// </summary>
public sealed class HallDirectory(IDbContextFactory<WorkflowDbContext> contexts)
{
    private volatile HallSnapshot? _snapshot;

    /// <summary>
    /// Writes <paramref name="setup"/> into the tables: new halls, windows and categories are added, existing ones (by code)
    /// take the configured values; nothing is deleted (appointments may name it). Call under the host's start-up lock.
    /// </summary>
    /// <exception cref="ArgumentException">A window names an unknown hall or category, a prefix is not one letter or is used twice, or hours do not parse.</exception>
    public async Task EnsureAsync(HallSetup setup, CancellationToken cancellationToken = default)
    {
        Check(setup);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await UpsertAsync(db, setup.Halls, h => h.Code, cancellationToken);
        await UpsertAsync(db, setup.Categories, c => c.Code, cancellationToken);
        await UpsertAsync(db, setup.Windows, w => (w.Hall, w.Number), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        _snapshot = null;
    }

    /// <summary>The halls, windows and categories as stored.</summary>
    public async Task<HallSnapshot> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (_snapshot is { } known) return known;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var halls = await db.Set<Hall>().AsNoTracking().OrderBy(h => h.Code).ToListAsync(cancellationToken);
        var windows = await db.Set<ServiceWindow>().AsNoTracking().ToListAsync(cancellationToken);
        var categories = await db.Set<ServiceCategory>().AsNoTracking().OrderBy(c => c.Prefix).ToListAsync(cancellationToken);
        return _snapshot = new HallSnapshot(halls, windows.OrderBy(w => w.Hall, StringComparer.Ordinal).ThenBy(w => w.Number.PadLeft(4, '0'), StringComparer.Ordinal).ToList(), categories);
    }

    private static async Task UpsertAsync<T, TKey>(WorkflowDbContext db, IEnumerable<T> items, Func<T, TKey> key, CancellationToken cancellationToken) where T : class where TKey : notnull
    {
        var stored = (await db.Set<T>().ToListAsync(cancellationToken)).ToDictionary(key);
        foreach (var item in items)
        {
            if (stored.TryGetValue(key(item), out var row)) db.Entry(row).CurrentValues.SetValues(item);
            else db.Add(item);
        }
    }

    private static void Check(HallSetup setup)
    {
        var halls = setup.Halls.Select(h => h.Code).ToHashSet(StringComparer.Ordinal);
        var categories = setup.Categories.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var hall in setup.Halls)
        {
            if (string.IsNullOrWhiteSpace(hall.Code)) throw new ArgumentException("Appointments:Halls: a hall has no code.");
            if (hall.Periods().Count == 0 || hall.SlotMinutes <= 0 || hall.Capacity <= 0)
                throw new ArgumentException($"Appointments:Halls: hall {hall.Code} needs hours, a slot length and a capacity above 0.");
        }
        foreach (var category in setup.Categories)
            if (category.Prefix.Length != 1 || !char.IsAsciiLetterUpper(category.Prefix[0]))
                throw new ArgumentException($"Appointments:Categories: the prefix of {category.Code} must be one capital letter.");
        if (setup.Categories.GroupBy(c => c.Prefix).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"Appointments:Categories: prefix {twice.Key} is used by {string.Join(" and ", twice.Select(c => c.Code))}.");
        foreach (var window in setup.Windows)
        {
            if (!halls.Contains(window.Hall)) throw new ArgumentException($"Appointments:Windows: window {window.Number} names hall {window.Hall}, which is not set up.");
            if (window.CategoryCodes().FirstOrDefault(c => !categories.Contains(c)) is { } unknown)
                throw new ArgumentException($"Appointments:Windows: window {window.Hall}/{window.Number} names category {unknown}, which is not set up.");
        }
    }
}

/// <summary>The halls, windows and categories at one moment, with the look-ups booking and the queue need.</summary>
public sealed record HallSnapshot(IReadOnlyList<Hall> Halls, IReadOnlyList<ServiceWindow> Windows, IReadOnlyList<ServiceCategory> Categories)
{
    /// <summary>The hall with that code, or null.</summary>
    public Hall? FindHall(string? code) => Halls.FirstOrDefault(h => h.Code == code);

    /// <summary>The category with that code, or null.</summary>
    public ServiceCategory? FindCategory(string? code) => Categories.FirstOrDefault(c => c.Code == code);

    /// <summary>The windows of a hall, in number order.</summary>
    public IReadOnlyList<ServiceWindow> WindowsOf(string hall) => Windows.Where(w => w.Hall == hall).ToList();

    /// <summary>The categories a hall offers: those at least one of its windows serves, in prefix order.</summary>
    public IReadOnlyList<ServiceCategory> CategoriesOf(string hall)
    {
        var served = WindowsOf(hall).SelectMany(w => w.CategoryCodes()).ToHashSet(StringComparer.Ordinal);
        return Categories.Where(c => served.Contains(c.Code)).ToList();
    }

    /// <summary>True when some window of <paramref name="hall"/> serves <paramref name="category"/>.</summary>
    public bool Serves(string hall, string category) => WindowsOf(hall).Any(w => w.CategoryCodes().Contains(category));
}
