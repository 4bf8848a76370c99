using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Host.Web.Access;

/// <summary>
/// Failed sign-ins per user name, counted in the database (<see cref="SignInFailuresModule"/>) so that guesses spread
/// over several hosts lock the name as they would on one. Each failure is one upsert that both SQLite and PostgreSQL run
/// atomically (the row is the unit of contention): a failure after the window restarts the count. The host whose
/// failure reaches the limit sets the lock (a conditional update: exactly one host does) and says so.
/// </summary>
public sealed class SharedUserLockout(IDbContextFactory<WorkflowDbContext> contexts)
{
    /// <summary>When the lock on <paramref name="userKey"/> ends, or null when it is not locked at <paramref name="now"/>.</summary>
    public async Task<Instant?> LockedUntilAsync(string userKey, Instant now, CancellationToken cancellationToken)
    {
        var until = await ScalarAsync("SELECT locked_until FROM host_signin_failures WHERE user_key = @key AND locked_until > @now",
            cancellationToken, ("key", userKey), ("now", now.ToUnixTimeMilliseconds()));
        return until is long ms ? Instant.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>
    /// Counts a failure; when the count reaches <paramref name="limit"/> locks the name until now + <paramref name="window"/>
    /// and returns (count, lock end) — the lock end only to the one caller that set it.
    /// </summary>
    public async Task<(long Failures, Instant? LockedNow)> FailedAsync(string userKey, int limit, Duration window, Instant now, CancellationToken cancellationToken)
    {
        var failures = Convert.ToInt64(await ScalarAsync("""
            INSERT INTO host_signin_failures (user_key, failures, window_start, locked_until) VALUES (@key, 1, @now, NULL)
            ON CONFLICT (user_key) DO UPDATE SET
                failures = CASE WHEN host_signin_failures.window_start <= @cutoff THEN 1 ELSE host_signin_failures.failures + 1 END,
                locked_until = CASE WHEN host_signin_failures.window_start <= @cutoff THEN NULL ELSE host_signin_failures.locked_until END,
                window_start = CASE WHEN host_signin_failures.window_start <= @cutoff THEN @now ELSE host_signin_failures.window_start END
            RETURNING failures
            """, cancellationToken, ("key", userKey), ("now", now.ToUnixTimeMilliseconds()), ("cutoff", (now - window).ToUnixTimeMilliseconds())),
            System.Globalization.CultureInfo.InvariantCulture);
        if (failures < limit) return (failures, null);
        var until = now + window;
        var locked = await ExecuteAsync("UPDATE host_signin_failures SET locked_until = @until WHERE user_key = @key AND locked_until IS NULL",
            cancellationToken, ("key", userKey), ("until", until.ToUnixTimeMilliseconds()));
        return (failures, locked == 1 ? until : null);
    }

    /// <summary>A successful sign-in clears the name's failures.</summary>
    public Task SucceededAsync(string userKey, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM host_signin_failures WHERE user_key = @key", cancellationToken, ("key", userKey));

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var command = await CommandAsync(db, sql, parameters, cancellationToken);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var command = await CommandAsync(db, sql, parameters, cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<DbCommand> CommandAsync(WorkflowDbContext db, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
