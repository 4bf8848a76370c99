using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Makes every SQLite connection wait for a busy database instead of failing at once, so two writers
/// (threads or processes) on one file queue up. busy_timeout is per connection, hence on every open. Sets
/// <c>synchronous=FULL</c> on every connection too — chosen, not inherited from the build's default: in WAL mode every
/// commit is fsynced before it returns, so an acknowledged save survives a power loss (docs/persistence.md, *Durability*).
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA synchronous = FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
