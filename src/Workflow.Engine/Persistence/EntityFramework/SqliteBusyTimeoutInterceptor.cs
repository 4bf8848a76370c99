using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Makes every SQLite connection wait for a busy database instead of failing at once, so two writers
/// (threads or processes) on one file queue up. Sets <c>synchronous=FULL</c> on every connection too — chosen, not
/// inherited from the build's default: in WAL mode every commit is fsynced before it returns, so an acknowledged save
/// survives a power loss (docs/persistence.md, *Durability*).
/// </summary>
/// <remarks>
/// Both settings belong to the native connection, which the pool keeps open between uses: they are sent once per
/// native connection (remembered by its handle), not on every <c>Open</c> — an open of a pooled connection used to cost
/// a statement of its own, twice per resume (docs/benchmarks.md, "2026-12-01 (2)").
/// </remarks>
internal sealed class SqliteBusyTimeoutInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = FULL;";
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True the first time this native connection is seen (then it is remembered); true always when it has no handle.</summary>
    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, handle);
}
