using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Runs the statements of a save on SQLite one by one, each as a command of its own carrying only its own parameters,
/// through commands kept per connection and SQL text (issue #16, engine durable with one worker). Two costs of
/// Microsoft.Data.Sqlite made one command of many statements expensive: it binds <b>every</b> parameter of a command to
/// <b>every</b> statement of it by name (each lookup a linear scan of the statement's names, three more for the prefixes
/// when absent — 13 statements × 82 parameters for a plain resume), and it prepares a new command's text again each
/// time. A kept command is prepared once while its connection stays open (the group commit's writer connection, see
/// <see cref="SqliteGroupCommit"/>; for the instance load, <see cref="ReadAsync"/> on a kept reader connection, see
/// <see cref="SqliteReaders"/>) and re-prepared by Microsoft.Data.Sqlite after a reopen. Each command is reported
/// to EF Core's diagnostics and interceptors as the command EF would have sent (logging, <c>DbCommandInterceptor</c>s).
/// </summary>
internal static class SqlitePreparedStatements
{
    /// <summary>At most this many commands are kept per connection; when full the oldest half is dropped.</summary>
    public const int MaxKeptPerConnection = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, Kept> s_kept = [];

    private static readonly string[] s_names = [.. Enumerable.Range(0, SaveStatements.MaxParametersPerCommand).Select(Name)];

    private static string Name(int i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name of a statement's parameter <paramref name="i"/> (from 0), as the statement's text must write it.</summary>
    public static string ParameterName(int i) => i < s_names.Length ? s_names[i] : Name(i);

    /// <summary>
    /// Executes <paramref name="sql"/> (parameters <c>@p0</c>, <c>@p1</c> … in order of <paramref name="values"/>,
    /// already in their stored form) on <paramref name="db"/>'s open connection, in its current transaction; answers
    /// the rows affected.
    /// </summary>
    public static async Task<int> ExecuteAsync(WorkflowDbContext db, string sql, object?[] values, CancellationToken cancellationToken)
    {
        var command = Bind(db, sql, values, "A save's statements run in the transaction of an open connection.");
        var (logger, relational) = Diagnostics(db);
        var id = NextCommandId();
        var started = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var intercepted = await logger.CommandNonQueryExecutingAsync(relational, command, sql, db, id, relational.ConnectionId, started, CommandSource.ExecuteSqlRaw, cancellationToken);
            // Microsoft.Data.Sqlite runs its async methods synchronously: the synchronous call spares the state machine.
            var affected = intercepted.HasResult ? intercepted.Result : command.ExecuteNonQuery();
            return await logger.CommandNonQueryExecutedAsync(relational, command, sql, db, id, relational.ConnectionId, affected, started,
                System.Diagnostics.Stopwatch.GetElapsedTime(clock), CommandSource.ExecuteSqlRaw, cancellationToken);
        }
        catch (Exception failure) when (failure is DbException)
        {
            await logger.CommandErrorAsync(relational, command, sql, db, DbCommandMethod.ExecuteNonQuery, id, relational.ConnectionId, failure, started,
                System.Diagnostics.Stopwatch.GetElapsedTime(clock), CommandSource.ExecuteSqlRaw, cancellationToken);
            throw;
        }
        finally
        {
            Unbind(command, values.Length);
        }
    }

    /// <summary>
    /// Runs the query <paramref name="sql"/> (parameters as for <see cref="ExecuteAsync"/>) on <paramref name="db"/>'s
    /// open connection and answers what <paramref name="read"/> makes of its reader, which is closed before the kept
    /// command can be used again.
    /// </summary>
    public static async Task<T> ReadAsync<T>(WorkflowDbContext db, string sql, object?[] values, Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var command = Bind(db, sql, values, "A kept query runs on an open connection.");
        var (logger, relational) = Diagnostics(db);
        var id = NextCommandId();
        var started = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var intercepted = await logger.CommandReaderExecutingAsync(relational, command, sql, db, id, relational.ConnectionId, started, CommandSource.ExecuteSqlRaw, cancellationToken);
            var executed = intercepted.HasResult ? intercepted.Result : command.ExecuteReader();
            await using var reader = await logger.CommandReaderExecutedAsync(relational, command, sql, db, id, relational.ConnectionId, executed, started,
                System.Diagnostics.Stopwatch.GetElapsedTime(clock), CommandSource.ExecuteSqlRaw, cancellationToken);
            return await read(reader, cancellationToken);
        }
        catch (Exception failure) when (failure is DbException)
        {
            await logger.CommandErrorAsync(relational, command, sql, db, DbCommandMethod.ExecuteReader, id, relational.ConnectionId, failure, started,
                System.Diagnostics.Stopwatch.GetElapsedTime(clock), CommandSource.ExecuteSqlRaw, cancellationToken);
            throw;
        }
        finally
        {
            Unbind(command, values.Length);
        }
    }

    private static SqliteCommand Bind(WorkflowDbContext db, string sql, object?[] values, string whenClosed)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) throw new InvalidOperationException(whenClosed);
        var command = s_kept.GetValue(connection, _ => new Kept()).Get(connection, sql, values.Length);
        command.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }

    // Values may be large (a state part): the kept command must not hold them until its next use.
    private static void Unbind(SqliteCommand command, int values)
    {
        for (var i = 0; i < values; i++) command.Parameters[i].Value = DBNull.Value;
        command.Transaction = null;
    }

    private static (IRelationalCommandDiagnosticsLogger Logger, IRelationalConnection Connection) Diagnostics(WorkflowDbContext db) =>
        (db.GetService<IRelationalCommandDiagnosticsLogger>(), db.GetService<IRelationalConnection>());

    // EF Core's diagnostics take an id per command to pair its events. Guid.NewGuid asks the kernel for random bytes
    // (a getrandom system call on Linux; ~1 % of all CPU samples with eight workers, thirteen statements a save): half a
    // random Guid drawn once and a counter are unique within the process, which is all the pairing needs.
    private static readonly Guid s_commandIdPrefix = Guid.NewGuid();
    private static long s_commands;

    private static Guid NextCommandId()
    {
        Span<byte> bytes = stackalloc byte[16];
        s_commandIdPrefix.TryWriteBytes(bytes);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], Interlocked.Increment(ref s_commands));
        return new Guid(bytes);
    }

    /// <summary>The commands kept for one connection (used by one caller at a time, as the connection is).</summary>
    private sealed class Kept
    {
        private readonly Dictionary<string, (SqliteCommand Command, long LastUsed)> _commands = new(StringComparer.Ordinal);
        private long _uses;

        public SqliteCommand Get(SqliteConnection connection, string sql, int parameters)
        {
            _uses++;
            if (_commands.TryGetValue(sql, out var kept))
            {
                _commands[sql] = (kept.Command, _uses);
                return kept.Command;
            }

            if (_commands.Count >= MaxKeptPerConnection)
            {
                foreach (var (text, old) in _commands.OrderBy(c => c.Value.LastUsed).Take(MaxKeptPerConnection / 2).ToList())
                {
                    old.Command.Dispose();
                    _commands.Remove(text);
                }
            }

            var command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++) command.Parameters.Add(new SqliteParameter(ParameterName(i), DBNull.Value));
            _commands[sql] = (command, _uses);
            return command;
        }
    }
}
