using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Makes every SQLite connection wait for a busy database instead of failing at once, so two writers
/// (threads or processes) on one file queue up. The wait polls every millisecond (<see cref="BusyWait"/>) rather than
/// with SQLite's own busy timeout, whose sleeps grow to 100 ms each: a writer that finds the lock taken slept through
/// its release, which made the tail of concurrent actions (p99 of 8 writers in one process 147–266 ms, 45–68 with this;
/// docs/benchmarks.md, 2026-12-02). Sets <c>synchronous=FULL</c> on every connection too — chosen, not
/// inherited from the build's default: in WAL mode every commit is fsynced before it returns, so an acknowledged save
/// survives a power loss (docs/persistence.md, *Durability*). And keeps SQLite's temporary files in memory
/// (<c>temp_store=MEMORY</c>): each save of a group is a savepoint, whose undo pages SQLite writes to a sub-journal —
/// by default a temporary file on disk, created, written and deleted for each group (with eight workers 150 KB of
/// <c>write()</c> per instance of the benchmark's K=6 process, 30 % of all it wrote; docs/benchmarks.md, "2026-12-03").
/// Nothing in a temporary file needs to outlive its statement or transaction.
/// </summary>
/// <remarks>
/// Both settings belong to the native connection, which the pool keeps open between uses: they are sent once per
/// native connection (remembered by its handle), not on every <c>Open</c> — an open of a pooled connection used to cost
/// a statement of its own, twice per resume (docs/benchmarks.md, "2026-12-01 (2)").
/// </remarks>
internal sealed class SqliteBusyTimeoutInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;";
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
        SetBusyHandler(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
        SetBusyHandler(connection);
    }

    /// <summary>
    /// Replaces the busy timeout just set by <see cref="BusyWait"/> with the same limit; where the native library cannot
    /// be reached this way, the busy timeout stays (the waits are then SQLite's own).
    /// </summary>
    private void SetBusyHandler(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || !s_nativeHandler) return;
        try
        {
            unsafe
            {
                NativeBusy.sqlite3_busy_handler(handle.DangerousGetHandle(), &BusyWait, busyTimeoutMilliseconds);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_nativeHandler = false;
        }
    }

    private static bool s_nativeHandler = true;

    // When the current busy wait began, per thread: SQLite calls the handler on the thread stepping the statement
    // (Microsoft.Data.Sqlite's async calls run synchronously), with count 0 at the start of each wait.
    [ThreadStatic] private static long t_busySince;

    /// <summary>
    /// SQLite's busy handler: retry (1) until the busy timeout (its argument, in milliseconds) has passed, then give up
    /// (0: the statement answers SQLITE_BUSY). The first retries only yield the processor, the rest sleep a millisecond.
    /// </summary>
    [UnmanagedCallersOnly]
    private static int BusyWait(nint timeoutMilliseconds, int count)
    {
        if (count == 0) t_busySince = System.Diagnostics.Stopwatch.GetTimestamp();
        if (System.Diagnostics.Stopwatch.GetElapsedTime(t_busySince).TotalMilliseconds >= timeoutMilliseconds) return 0;
        Thread.Sleep(count < 4 ? 0 : 1);
        return 1;
    }

    /// <summary>The one SQLite function SQLitePCLRaw does not wrap, from the same native library it loads.</summary>
    private static unsafe class NativeBusy
    {
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_busy_handler(nint db, delegate* unmanaged<nint, int, int> handler, nint argument);
    }

    /// <summary>True the first time this native connection is seen (then it is remembered); true always when it has no handle.</summary>
    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
}
