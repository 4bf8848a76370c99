using Microsoft.Data.Sqlite;
using Workflow.Load.Measure;

namespace Workflow.Load.Sqlite;

/// <summary>
/// The floor the engine is measured against (issue #16 (d)): single-row INSERT transactions on a fresh SQLite file in
/// WAL mode, on the same disk and with the default synchronous level the engine's connections get, one writer.
/// </summary>
public static class RawCommits
{
    /// <summary>Commits one row per transaction for <paramref name="duration"/>; answers commits/s as steps.</summary>
    public static async Task<RunFigures> RunAsync(string folder, TimeSpan duration)
    {
        var path = Path.Combine(folder, $"raw-{Guid.NewGuid():N}.db");
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);";
            await setup.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (payload) VALUES ($p);";
        var parameter = insert.Parameters.Add("$p", SqliteType.Text);
        var latencies = new Latencies();
        var commits = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < duration)
        {
            var one = System.Diagnostics.Stopwatch.GetTimestamp();
            await using (var tx = (SqliteTransaction)await connection.BeginTransactionAsync())
            {
                insert.Transaction = tx;
                parameter.Value = "step " + commits;
                await insert.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
            latencies.AddSince(one);
            commits++;
        }
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new RunFigures("raw SQLite single-row commits", commits, commits, seconds, latencies.Percentile(0.5), latencies.Percentile(0.99));
    }
}
