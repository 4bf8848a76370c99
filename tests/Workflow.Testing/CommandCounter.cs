using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Testing;

/// <summary>
/// Counts the database commands (round trips) EF Core sends, for tests that pin how many queries an operation costs.
/// Register it as an <c>IInterceptor</c> service before the workflow database; <see cref="Measure"/> counts one operation.
/// Connection-level statements (SQLite's <c>PRAGMA busy_timeout</c>), <c>BEGIN</c> and <c>COMMIT</c> are not commands and are not counted.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;
    private readonly List<string> _texts = [];
    private readonly List<SentCommand> _sent = [];

    /// <summary>The commands sent since the last <see cref="Reset"/>.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Their SQL, for a failing assertion's message.</summary>
    public IReadOnlyList<string> Texts { get { lock (_texts) return _texts.ToList(); } }

    /// <summary>The commands sent since the last <see cref="Reset"/> with their parameters' names and values (to read a query's plan).</summary>
    public IReadOnlyList<SentCommand> Sent { get { lock (_texts) return _sent.ToList(); } }

    public void Reset()
    {
        lock (_texts)
        {
            _texts.Clear();
            _sent.Clear();
        }
        Volatile.Write(ref _count, 0);
    }

    /// <summary>Runs <paramref name="operation"/> and answers how many commands it sent.</summary>
    public async Task<int> Measure(Func<Task> operation)
    {
        Reset();
        await operation();
        return Count;
    }

    private void Seen(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        lock (_texts)
        {
            _texts.Add(command.CommandText);
            _sent.Add(new SentCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => KeyValuePair.Create(p.ParameterName, p.Value)).ToList()));
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Seen(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>One command as sent: its SQL and its parameters.</summary>
public sealed record SentCommand(string Text, IReadOnlyList<KeyValuePair<string, object?>> Parameters);
