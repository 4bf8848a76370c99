using Microsoft.Data.Sqlite;

namespace Workflow.Load.Sqlite;

/// <summary>Reads a SQLite database file from the side: its size after a WAL checkpoint, and its synchronous level.</summary>
public static class SqliteFile
{
    /// <summary>Checkpoints the WAL into the file (TRUNCATE) and answers the file's size in bytes.</summary>
    public static async Task<long> CheckpointedSizeAsync(string path)
    {
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }
        return new FileInfo(path).Length;
    }

    /// <summary>The <c>synchronous</c> level a new connection to <paramref name="connectionString"/> has (0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA).</summary>
    public static async Task<long> SynchronousAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The name of a <c>synchronous</c> level.</summary>
    public static string LevelName(long level) => level switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", 3 => "EXTRA", _ => level.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
