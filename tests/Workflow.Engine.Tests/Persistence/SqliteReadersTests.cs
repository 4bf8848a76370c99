using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// The instance store's loads on SQLite run on kept connections with their statement kept prepared
/// (<see cref="SqliteReaders"/>; docs/persistence.md, *Durability*): no pool open per load, every commit seen, closed
/// with the store.
/// </summary>
public sealed class SqliteReadersTests
{
    [Fact]
    public async Task Loads_one_after_another_reuse_one_open_connection()
    {
        await using var db = new SqliteTestDatabase();
        var opens = new OpenCounter();
        var services = await db.OpenAsync(s => s.AddSingleton<IInterceptor>(opens));
        var store = services.GetRequiredService<EfWorkflowInstanceStore>();
        await store.InsertAsync(InstanceSamples.Suspended("a"), []);
        (await store.FindAsync("a")).Should().NotBeNull();

        opens.Reset();
        for (var i = 0; i < 20; i++) (await store.FindAsync("a"))!.Id.Should().Be("a");

        opens.Count.Should().Be(0, "the loads ran on the connection kept open by the first");
        store.Readers!.Kept.Should().Be(1);
    }

    [Fact]
    public async Task A_kept_connection_reads_what_another_connection_committed_after_it()
    {
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync();
        var store = services.GetRequiredService<EfWorkflowInstanceStore>();
        await store.InsertAsync(InstanceSamples.Suspended("a"), []);
        (await store.FindAsync("a"))!.Name.Should().NotBe("renamed");

        db.Scalar("UPDATE wf_instances SET name = 'renamed', version = version + 1 WHERE id = 'a' RETURNING version;").Should().Be(2L);

        var read = (await store.FindAsync("a"))!;
        read.Name.Should().Be("renamed", "a kept connection outside a transaction holds no snapshot");
        read.Version.Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_loads_keep_at_most_the_limit_open_and_the_store_closes_them()
    {
        await using var db = new SqliteTestDatabase();
        var services = await db.OpenAsync();
        var store = services.GetRequiredService<EfWorkflowInstanceStore>();
        await store.InsertAsync(InstanceSamples.Suspended("a"), []);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = 0;
        const int Loads = SqliteReaders.MaxKept + 4;

        // Every load holds its connection until all of them hold one, so that MaxKept + 4 are open at once.
        var loads = Enumerable.Range(0, Loads).Select(_ => store.Readers!.RunAsync(async d =>
        {
            if (Interlocked.Increment(ref inside) == Loads) gate.SetResult();
            await gate.Task;
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(d.Instances);
        }, CancellationToken.None)).ToList();
        (await Task.WhenAll(loads).WaitAsync(TimeSpan.FromSeconds(30))).Should().AllBeEquivalentTo(1);

        store.Readers!.Kept.Should().Be(SqliteReaders.MaxKept, "the ones over the limit were closed after their load");
        await store.DisposeAsync();
        store.Readers.Kept.Should().Be(0);
        await store.Awaiting(s => s.FindAsync("a")).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public void SQLite_keeps_no_memory_statistics_in_this_process()
    {
        // Applied before the first connection (AddWorkflowSqlite; in this test assembly also its module initializer,
        // since tests open connections in any order): with statistics on, SQLite counts what it has allocated.
        SqliteLibrarySettings.EnsureApplied().Should().BeTrue();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x TEXT); INSERT INTO t VALUES (randomblob(100000)); SELECT length(x) FROM t;";
            command.ExecuteScalar().Should().Be(100000L);
            SQLitePCL.raw.sqlite3_memory_used().Should().Be(0, "no allocation is counted, so none takes the statistics' lock");
        }
    }

    private sealed class OpenCounter : DbConnectionInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Volatile.Write(ref _count, 0);

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
            CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return ValueTask.FromResult(result);
        }
    }
}
