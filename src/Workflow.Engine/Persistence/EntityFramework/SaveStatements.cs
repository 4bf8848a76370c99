using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NodaTime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// The engine's rows of one instance save as parameterised SQL statements sent together in <b>one command</b>
/// (issue #16; docs/persistence.md, *Instances: one save = one transaction*). EF's change tracking sent each row as a
/// command of its own on SQLite and cost more CPU than the statements themselves (docs/benchmarks.md, "2026-12-01 (2)").
/// The command goes through <c>Database.ExecuteSqlRawAsync</c>, so it joins the context's transaction and EF's
/// interceptors still see it as one round trip. Parameters are named <c>@sN</c> in order of addition.
/// </summary>
public sealed class SaveStatements(WorkflowDatabaseProvider provider)
{
    private readonly StringBuilder _sql = new();
    private readonly List<DbParameter> _parameters = [];

    /// <summary>How many statements were added.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds one statement; <c>{0}</c>, <c>{1}</c> … in <paramref name="sql"/> stand for <paramref name="values"/>
    /// (an <see cref="Instant"/> is stored as Unix nanoseconds, null as SQL NULL).
    /// </summary>
    public void Add(string sql, params object?[] values)
    {
        var names = new object[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var name = "@s" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
            names[i] = name;
            var value = values[i] switch
            {
                null => DBNull.Value,
                Instant instant => InstantToUnixNanosecondsConverter.ToUnixNanoseconds(instant),
                var other => other,
            };
            _parameters.Add(provider == WorkflowDatabaseProvider.Sqlite ? new SqliteParameter(name, value) : new NpgsqlParameter(name, value));
        }
        _sql.Append(string.Format(CultureInfo.InvariantCulture, sql, names)).Append(";\n");
        Count++;
    }

    /// <summary>Sends the statements (none: nothing) in the context's transaction; answers the rows they affected.</summary>
    public async Task<int> ExecuteAsync(WorkflowDbContext db, CancellationToken cancellationToken)
    {
        if (Count == 0) return 0;
        return await db.Database.ExecuteSqlRawAsync(_sql.ToString(), _parameters, cancellationToken);
    }
}
