using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// The engine's rows of one instance save as parameterised SQL (issue #16; docs/persistence.md, *Instances: one save =
/// one transaction*). EF's change tracking sent each row as a command of its own on SQLite and cost more CPU than the
/// statements themselves (docs/benchmarks.md, "2026-12-01 (2)"). Rows added with <see cref="Insert"/> are sent as
/// multi-row <c>INSERT</c>s after the other statements. <b>PostgreSQL</b>: an ordinary save is one command (Npgsql sends
/// its statements in one round trip), and a command carries at most <see cref="MaxParametersPerCommand"/> parameters, so
/// the fork of a K=300 review (300 bookmarks, ~600 state parts) is a few commands of bounded size. <b>SQLite</b>: every
/// statement is a command of its own with only its own parameters, kept prepared (<see cref="SqlitePreparedStatements"/>):
/// Microsoft.Data.Sqlite binds every parameter of a command to every statement of it by name, which made one command of
/// many statements cost statements × parameters — 1.4 s for one K=300 fork (docs/benchmarks.md, "2026-12-01 (3)"),
/// and a plain resume's 13 statements 270 µs ("2026-12-02 (2)"). Either way the commands join the context's
/// transaction and EF's interceptors and logging see each of them.
/// </summary>
public sealed class SaveStatements(WorkflowDatabaseProvider provider)
{
    /// <summary>At most this many parameters go into one command (and one multi-row <c>INSERT</c>).</summary>
    public const int MaxParametersPerCommand = 400;

    private readonly List<(string Sql, object?[] Values)> _statements = [];
    private readonly List<(string Table, string Columns, List<object?[]> Rows)> _inserts = [];

    /// <summary>How many statements and rows to insert were added.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds one statement; <c>{0}</c>, <c>{1}</c> … in <paramref name="sql"/> stand for <paramref name="values"/>
    /// (an <see cref="Instant"/> is stored as Unix nanoseconds, null as SQL NULL). Statements are sent in the order added.
    /// </summary>
    public void Add(string sql, params object?[] values)
    {
        ThrowIfPrepared();
        _statements.Add((sql, values));
        Count++;
    }

    /// <summary>
    /// Adds one row to insert into <paramref name="table"/> (<paramref name="columns"/>: the column list, the same for
    /// every row of the table). Rows are sent after every statement added with <see cref="Add"/>, as multi-row inserts.
    /// </summary>
    public void Insert(string table, string columns, params object?[] values)
    {
        ThrowIfPrepared();
        var group = _inserts.FindIndex(i => i.Table == table);
        if (group < 0)
        {
            _inserts.Add((table, columns, []));
            group = _inserts.Count - 1;
        }
        _inserts[group].Rows.Add(values);
        Count++;
    }

    /// <summary>
    /// Adds the deletion of the rows of <paramref name="table"/> whose <paramref name="keyColumn"/> is one of
    /// <paramref name="keys"/> (and whose <c>instance_id</c> is <paramref name="instanceId"/>, when given), as
    /// <c>IN</c> lists of bounded length rather than a statement per row. Nothing when there are no keys.
    /// </summary>
    public void Delete(string table, string? instanceId, string keyColumn, IReadOnlyList<string> keys)
    {
        ThrowIfPrepared();
        var perStatement = (provider == WorkflowDatabaseProvider.Sqlite ? MaxParametersPerSqliteStatement : MaxParametersPerCommand) - 1;
        for (var first = 0; first < keys.Count; first += perStatement)
        {
            var chunk = keys.Skip(first).Take(perStatement).ToList();
            var offset = instanceId is null ? 0 : 1;
            var list = string.Join(", ", chunk.Select((_, i) => "{" + (i + offset).ToString(CultureInfo.InvariantCulture) + "}"));
            var where = instanceId is null ? "" : "instance_id = {0} AND ";
            _statements.Add(($"DELETE FROM {table} WHERE {where}{keyColumn} IN ({list})", instanceId is null ? [.. chunk] : [instanceId, .. chunk]));
            Count++;
        }
    }

    // SQLite's statements as sent, made by Prepare before the save reaches the one thread that writes.
    private List<(string Sql, object?[] Values)>? _prepared;
    private bool _isPrepared;

    /// <summary>
    /// Makes SQLite's statements (their text and stored values) now, on the calling thread, rather than when they are sent:
    /// a save prepares them before it joins the writer's queue (<see cref="SqliteGroupCommit"/>). Adding to the statements
    /// afterwards is refused on both providers. PostgreSQL's parameters are made when sent (one command per save, not the
    /// one writing thread). Returns this.
    /// </summary>
    public SaveStatements Prepare()
    {
        if (provider == WorkflowDatabaseProvider.Sqlite) _prepared = [.. MakeSqliteStatements()];
        _isPrepared = true;
        return this;
    }

    private void ThrowIfPrepared()
    {
        if (_isPrepared) throw new InvalidOperationException("These statements are prepared: nothing more can be added.");
    }

    /// <summary>Sends the statements (none: nothing) in the context's transaction; answers the rows they affected.</summary>
    /// <remarks>
    /// On SQLite each statement is a command of its own through <see cref="SqlitePreparedStatements"/> (kept prepared,
    /// bound to its own parameters only); on PostgreSQL the statements go together, Npgsql sending them in one round trip.
    /// </remarks>
    public async Task<int> ExecuteAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var affected = 0;
        if (provider == WorkflowDatabaseProvider.Sqlite)
        {
            foreach (var (sql, values) in SqliteStatements())
            {
                affected += await SqlitePreparedStatements.ExecuteAsync(db, sql, values, cancellationToken);
            }
            return affected;
        }

        foreach (var (sql, parameters) in Commands())
        {
            affected += await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
        return affected;
    }

    /// <summary>
    /// SQLite's statements: in order, then the inserts of at most <see cref="MaxParametersPerSqliteStatement"/> values each; each with
    /// its own parameters <c>@p0</c>, <c>@p1</c> … so that the same shape of statement is the same text. Made by
    /// <see cref="Prepare"/>, or now.
    /// </summary>
    internal IEnumerable<(string Sql, object?[] Values)> SqliteStatements() => _prepared ?? MakeSqliteStatements();

    private IEnumerable<(string Sql, object?[] Values)> MakeSqliteStatements()
    {
        foreach (var (text, values) in _statements)
        {
            var names = new string[values.Length];
            for (var i = 0; i < names.Length; i++) names[i] = ParameterName(i);
            yield return (string.Format(CultureInfo.InvariantCulture, text, names), Stored(values));
        }

        foreach (var (table, columns, rows) in _inserts)
        {
            var width = rows[0].Length;
            var perStatement = Math.Max(1, MaxParametersPerSqliteStatement / width);
            for (var first = 0; first < rows.Count; first += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - first);
                var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").Append(columns).Append(") VALUES ");
                var values = new object?[count * width];
                for (var r = 0; r < count; r++)
                {
                    sql.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < width; c++)
                    {
                        if (c > 0) sql.Append(", ");
                        sql.Append(ParameterName(r * width + c));
                        values[r * width + c] = StoredValue(rows[first + r][c]);
                    }
                    sql.Append(')');
                }
                yield return (sql.ToString(), values);
            }
        }
    }

    /// <summary>
    /// At most this many parameters go into one statement on SQLite (rows of a multi-row <c>INSERT</c>, keys of a
    /// <c>DELETE … IN</c>). Binding by name costs each parameter a scan of the statement's names: ten rows of ten columns
    /// bound in 57 µs, forty rows in 480 µs (docs/benchmarks.md, 2026-12-02 (2)).
    /// </summary>
    public const int MaxParametersPerSqliteStatement = 100;

    private static string ParameterName(int i) => SqlitePreparedStatements.ParameterName(i);

    private static object?[] Stored(object?[] values)
    {
        var stored = new object?[values.Length];
        for (var i = 0; i < values.Length; i++) stored[i] = StoredValue(values[i]);
        return stored;
    }

    /// <summary>A value as the database stores it: an <see cref="Instant"/> as Unix nanoseconds, null as SQL NULL.</summary>
    private static object StoredValue(object? value) => value switch
    {
        null => DBNull.Value,
        Instant instant => InstantToUnixNanosecondsConverter.ToUnixNanoseconds(instant),
        var other => other,
    };

    /// <summary>PostgreSQL's commands: statements in order, then the inserts, cut so that no command exceeds the parameter bound.</summary>
    internal IEnumerable<(string Sql, List<DbParameter> Parameters)> Commands()
    {
        var sql = new StringBuilder();
        var parameters = new List<DbParameter>();
        var number = 0;

        string Name(object? value)
        {
            var name = "@s" + (number++).ToString(CultureInfo.InvariantCulture);
            var stored = StoredValue(value);
            parameters.Add(provider == WorkflowDatabaseProvider.Sqlite ? new SqliteParameter(name, stored) : new NpgsqlParameter(name, stored));
            return name;
        }

        bool Full(int more) => parameters.Count > 0 && parameters.Count + more > MaxParametersPerCommand;

        foreach (var (text, values) in _statements)
        {
            if (Full(values.Length))
            {
                yield return (sql.ToString(), parameters);
                sql.Clear();
                parameters = [];
            }
            sql.Append(string.Format(CultureInfo.InvariantCulture, text, values.Select(Name).ToArray())).Append(";\n");
        }

        foreach (var (table, columns, rows) in _inserts)
        {
            var width = rows[0].Length;
            var perStatement = Math.Max(1, MaxParametersPerCommand / width);
            for (var first = 0; first < rows.Count; first += perStatement)
            {
                var count = Math.Min(perStatement, rows.Count - first);
                if (Full(count * width))
                {
                    yield return (sql.ToString(), parameters);
                    sql.Clear();
                    parameters = [];
                }
                sql.Append("INSERT INTO ").Append(table).Append(" (").Append(columns).Append(") VALUES ");
                for (var r = first; r < first + count; r++)
                {
                    sql.Append(r == first ? "(" : ", (").AppendJoin(", ", rows[r].Select(Name)).Append(')');
                }
                sql.Append(";\n");
            }
        }

        if (sql.Length > 0) yield return (sql.ToString(), parameters);
    }
}
