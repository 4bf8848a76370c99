using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Contexts with an open SQLite connection kept for the instance store's loads, one caller at a time each, so that a
/// load's statement stays prepared on its connection (<see cref="SqlitePreparedStatements"/>) and no load opens and
/// closes a pooled connection. Both cost as much as the load's own read: with eight workers on two cores, <c>perf</c>
/// put 5 % of all CPU samples in preparing statements and 5 % in the pool's open and close (docs/benchmarks.md,
/// "2026-12-03"). In WAL mode an open connection outside a transaction holds no lock and no snapshot: each statement
/// reads the last commit, as a freshly opened connection would.
/// </summary>
/// <remarks>
/// At most <see cref="MaxKept"/> stay open; a burst of more concurrent loads opens more and closes them after. A context
/// whose read failed is closed, not kept: its connection may be in any state.
/// </remarks>
internal sealed class SqliteReaders(IDbContextFactory<WorkflowDbContext> contexts) : IDisposable, IAsyncDisposable
{
    /// <summary>At most this many contexts are kept open between loads.</summary>
    public const int MaxKept = 8;

    private readonly ConcurrentStack<WorkflowDbContext> _idle = new();
    private int _disposed;

    /// <summary>How many contexts are kept open now (for tests).</summary>
    internal int Kept => _idle.Count;

    /// <summary>Runs <paramref name="read"/> on a kept context (or a new one) whose connection is open.</summary>
    public async Task<T> RunAsync<T>(Func<WorkflowDbContext, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_idle.TryPop(out var db))
        {
            db = await contexts.CreateDbContextAsync(cancellationToken);
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        T result;
        try
        {
            result = await read(db);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        db.ChangeTracker.Clear();
        if (_idle.Count >= MaxKept) await db.DisposeAsync();
        else
        {
            _idle.Push(db);
            // Disposed meanwhile: what was pushed after Dispose emptied the stack is closed here.
            if (Volatile.Read(ref _disposed) != 0) Close();
        }
        return result;
    }

    /// <summary>Closes the kept connections; loads after this throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        Close();
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Close()
    {
        while (_idle.TryPop(out var db)) db.Dispose();
    }
}
