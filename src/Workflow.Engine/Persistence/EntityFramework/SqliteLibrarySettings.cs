using SQLitePCL;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Process-wide settings of the native SQLite library, applied once before the first connection opens
/// (<c>sqlite3_config</c> is refused once the library is initialised, which its first open does).
/// </summary>
/// <remarks>
/// <b>Memory statistics off</b> (<c>SQLITE_CONFIG_MEMSTATUS</c> = 0): with them on — the build's default — every
/// allocation and free inside SQLite takes one process-wide mutex to keep the counts that <c>sqlite3_memory_used</c>
/// reports. Threads reading and writing through their own connections then queue on that mutex: with eight workers on two
/// cores, <c>perf</c> put 7 % of all CPU samples in the futex calls of that one lock (docs/benchmarks.md, "2026-12-03").
/// Nothing in the engine or the Host reads those statistics, and SQLite's soft heap limit, which needs them, is not set.
/// </remarks>
public static class SqliteLibrarySettings
{
    private const int SqliteConfigMemoryStatus = 9; // SQLITE_CONFIG_MEMSTATUS in sqlite3.h
    private static readonly Lazy<bool> s_applied = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Applies the settings if this process has not yet opened a SQLite connection; answers whether they are in force
    /// (false when a connection was opened first: the library then keeps its defaults, which are correct, only slower).
    /// </summary>
    public static bool EnsureApplied() => s_applied.Value;

    private static bool Apply()
    {
        // Microsoft.Data.Sqlite does this in SqliteConnection's static constructor; sqlite3_config needs the provider set first.
        Batteries_V2.Init();
        return raw.sqlite3_config(SqliteConfigMemoryStatus, 0) == raw.SQLITE_OK;
    }
}
