using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Makes every SQLite connection wait for a busy database instead of failing at once, so two writers
/// (threads or processes) on one file queue up. busy_timeout is per connection, hence on every open.
/// </summary>
internal sealed class SqliteBusyTimeoutInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private readonly string _pragma = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds};";

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
