using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// SQLite connections wait for a busy database through the engine's own busy handler (polling every millisecond,
/// not SQLite's growing sleeps): it is installed on every connection, a second writer waits for the first and then
/// goes on, and the wait still ends at the busy timeout.
/// </summary>
public sealed class SqliteBusyWaitTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wf-busy-").FullName;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _services = new ServiceCollection()
            .AddSingleton<NodaTime.IClock>(NodaTime.SystemClock.Instance)
            .AddWorkflowSqlite($"Data Source={Path.Combine(_folder, "busy.db")}", busyTimeout: TimeSpan.FromSeconds(1))
            .BuildServiceProvider();
        await _services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_connection_gets_the_engines_busy_handler_in_place_of_the_busy_timeout()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        // SQLite reports the busy timeout it would use itself; setting a busy handler clears it to 0.
        (await Scalar(db, "PRAGMA busy_timeout")).Should().Be(0L);
        (await Scalar(db, "PRAGMA synchronous")).Should().Be(2L, "FULL, chosen on every connection");
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_first_and_then_commits()
    {
        await using var first = await Contexts.CreateDbContextAsync();
        await using var held = await first.Database.BeginTransactionAsync(); // BEGIN IMMEDIATE: the write lock
        await first.Database.ExecuteSqlRawAsync("CREATE TABLE busy_probe (n INTEGER)");

        await using var second = await Contexts.CreateDbContextAsync();
        var waiting = Task.Run(async () =>
        {
            await using var tx = await second.Database.BeginTransactionAsync();
            await second.Database.ExecuteSqlRawAsync("INSERT INTO busy_probe VALUES (2)");
            await tx.CommitAsync();
        });
        await Task.Delay(50); // let the second writer meet the lock
        waiting.IsCompleted.Should().BeFalse("the first writer holds the lock");
        await first.Database.ExecuteSqlRawAsync("INSERT INTO busy_probe VALUES (1)");
        await held.CommitAsync();

        await waiting;
        await using var check = await Contexts.CreateDbContextAsync();
        await check.Database.OpenConnectionAsync();
        (await Scalar(check, "SELECT group_concat(n) FROM (SELECT n FROM busy_probe ORDER BY rowid)")).Should().Be("1,2");
    }

    [Fact]
    public async Task A_writer_kept_out_past_the_busy_timeout_is_told_the_database_is_busy()
    {
        await using var first = await Contexts.CreateDbContextAsync();
        await using var held = await first.Database.BeginTransactionAsync();

        await using var second = await Contexts.CreateDbContextAsync();
        await second.Database.OpenConnectionAsync();
        var raw = (SqliteConnection)second.Database.GetDbConnection();
        raw.DefaultTimeout = 1; // Microsoft.Data.Sqlite's own retries stop after a second too
        var act = async () => await second.Database.BeginTransactionAsync();
        (await act.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY");
    }

    private IDbContextFactory<WorkflowDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();

    private static async Task<object?> Scalar(DbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
