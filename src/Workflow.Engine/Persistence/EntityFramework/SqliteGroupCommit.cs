using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Group commit of instance saves on SQLite (issue #16, "writers that scale"; docs/persistence.md, *Durability*). SQLite
/// has one writer at a time; concurrent saves used to queue on its busy handler, each paying its own <c>BEGIN
/// IMMEDIATE</c>, sleep-and-retry and fsync. Here they queue in the process instead: one drainer takes every save
/// waiting, runs them one after another in <b>one</b> transaction, each inside a savepoint of its own, and commits once
/// (one fsync at <c>synchronous=FULL</c>). A save that fails is rolled back to its savepoint and only it fails; the others
/// commit. Every caller is answered only after the group's <c>COMMIT</c> returned — a save is never acknowledged before
/// it is durable — and a failed commit fails every save of the group.
/// </summary>
/// <remarks>
/// Each save runs with the caller's <see cref="ExecutionContext"/> (ambient values such as the audit actor flow as if the
/// caller ran it) and, when <c>contextPerSave</c>, on the save context bound to the group's connection and
/// transaction (one per writer, its change tracker cleared after each save), so participants see the writes of the saves
/// before them in the group, as they would see them committed one by one, and what a failed save staged never reaches
/// another save. Without participants the saves
/// track nothing (their statements are sent as SQL) and share the group's context. A group of one save runs without a
/// savepoint: its failure rolls the whole transaction back, which is the same (docs/benchmarks.md, "2026-12-01 (2)").
/// </remarks>
internal sealed class SqliteGroupCommit(IDbContextFactory<WorkflowDbContext> contexts, bool contextPerSave = true) : IDisposable, IAsyncDisposable
{
    /// <summary>At most this many saves share a transaction, so that one group's latency stays bounded.</summary>
    public const int MaxGroupSize = 64;

    private readonly ConcurrentQueue<Job> _queue = new();
    private int _draining;

    /// <summary>Test hook: awaited after a group's saves ran and before its <c>COMMIT</c>, with the group's size.</summary>
    internal Func<int, Task>? BeforeCommit { get; set; }

    /// <summary>Test hook: called after each group committed, with its size.</summary>
    internal Action<int>? Committed { get; set; }

    /// <summary>
    /// Runs <paramref name="work"/> in the next group and completes once that group committed; throws what
    /// <paramref name="work"/> threw (its writes rolled back) or what the commit threw.
    /// </summary>
    /// <remarks>
    /// A caller that finds no group being written writes its own at once, on its own thread, and hands what queued
    /// meanwhile to a drainer on the thread pool: one writer alone (one worker, a quiet hour) no longer pays two thread
    /// switches per save (issue #16, engine K=6 with one worker; docs/benchmarks.md, 2026-12-02 (2)).
    /// </remarks>
    public Task<T> RunAsync<T>(Func<WorkflowDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var job = new Job<T>(work, ExecutionContext.Capture(), cancellationToken);
        _queue.Enqueue(job);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return job.Completion.Task;

        // The drain runs in a clean context: it must not carry this caller's ambient values into other callers' saves
        // (each save runs in its own caller's context, see Job.RunAsync).
        Task drain = null!;
        ExecutionContext.Run(s_clean, _ => drain = DrainAsync(job), null);
        return AfterDrainAsync(drain, job);
    }

    private static async Task<T> AfterDrainAsync<T>(Task drain, Job<T> job)
    {
        await drain;
        return await job.Completion.Task;
    }

    /// <summary>A context with no ambient values, for the drain and for a save whose caller suppressed the flow.</summary>
    private static readonly ExecutionContext s_clean = CaptureClean();

    private static ExecutionContext CaptureClean()
    {
        // A thread started with the flow suppressed begins with no context at all: what it captures is the empty one.
        ExecutionContext? clean = null;
        using (ExecutionContext.SuppressFlow())
        {
            var thread = new Thread(() => clean = ExecutionContext.Capture());
            thread.Start();
            thread.Join();
        }
        return clean ?? throw new InvalidOperationException("No empty execution context could be captured.");
    }

    /// <summary>
    /// Commits groups until the queue is empty or, when <paramref name="mine"/> is given (a caller draining inline),
    /// until that caller's save is answered; what is left then goes on in a drainer of the thread pool.
    /// </summary>
    private async Task DrainAsync(Job? mine)
    {
        while (true)
        {
            var group = new List<Job>();
            while (group.Count < MaxGroupSize && _queue.TryDequeue(out var job)) group.Add(job);
            if (group.Count > 0)
            {
                await CommitGroupAsync(group);
                if (mine is { Answered: true } && !_queue.IsEmpty)
                {
                    using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => DrainAsync(null), CancellationToken.None);
                    return;
                }
                continue;
            }

            Volatile.Write(ref _draining, 0);
            // A save enqueued after the last dequeue and before the flag was cleared found a drainer running: take it.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        }
    }

    /// <summary>
    /// The connection every group is written on, kept open (with the context bound to it) for the life of the store:
    /// opening a pooled connection, resetting it and closing it again cost ~100 µs a group, and the commands kept
    /// prepared on it (<see cref="SqlitePreparedStatements"/>) survive only while it stays open. Only the drain uses it,
    /// one group at a time. Dropped (and made again for the next group) when a group's transaction itself failed.
    /// </summary>
    private WorkflowDbContext? _writer;

    private async Task<WorkflowDbContext> WriterAsync()
    {
        if (_writer is { } kept) return kept;
        var writer = contexts is WorkflowDbContextFactory factory ? factory.CreateUnpooled() : await contexts.CreateDbContextAsync();
        try
        {
            await writer.Database.OpenConnectionAsync();
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
        writer.Database.AutoSavepointsEnabled = false;
        return _writer = writer;
    }

    /// <summary>
    /// With <c>contextPerSave</c>, the context each save of a group runs on, bound to the writer's connection and made
    /// once per writer: the saves of a group run one after another, and between two saves its change tracker is cleared
    /// and the group's transaction let go, so what one save staged never reaches the next. A new context per save (it
    /// cannot come from EF's pool: returned with a borrowed connection set, it would hand that connection to its next user,
    /// dotnet/efcore#30704) set up its internal services each time: ~7 % of a permit action's CPU, on the one thread that
    /// writes (docs/benchmarks.md, "2026-12-03").
    /// </summary>
    private WorkflowDbContext? _saveContext;

    private async Task<WorkflowDbContext> SaveContextAsync(WorkflowDbContext writer)
    {
        if (_saveContext is { } kept) return kept;
        var saveContext = contexts is WorkflowDbContextFactory factory ? factory.CreateUnpooled() : await contexts.CreateDbContextAsync();
        saveContext.Database.SetDbConnection(writer.Database.GetDbConnection(), contextOwnsConnection: false);
        // The group's transaction and each save's savepoint already bound the save: EF's own savepoints would only add statements.
        saveContext.Database.AutoSavepointsEnabled = false;
        return _saveContext = saveContext;
    }

    private async Task DropWriterAsync()
    {
        var (writer, saveContext) = (_writer, _saveContext);
        (_writer, _saveContext) = (null, null);
        if (saveContext is not null)
            try { await saveContext.DisposeAsync(); } catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException) { }
        if (writer is not null)
            try { await writer.DisposeAsync(); } catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException) { }
    }

    /// <summary>Closes the writer connection (the store is disposed with its service provider).</summary>
    public async ValueTask DisposeAsync() => await DropWriterAsync();

    /// <inheritdoc cref="DisposeAsync"/>
    public void Dispose()
    {
        var (writer, saveContext) = (_writer, _saveContext);
        (_writer, _saveContext) = (null, null);
        saveContext?.Dispose();
        writer?.Dispose();
    }

    // One savepoint at a time, released before the next: SQLite resolves a name to the newest savepoint of that name, so
    // one name serves every save of a group, and its three statements stay prepared on the writer's connection
    // (SqlitePreparedStatements) instead of a new command per savepoint that EF's savepoint methods make.
    private const string Savepoint = "SAVEPOINT save";
    private const string ReleaseSavepoint = "RELEASE save";
    private const string RollbackToSavepoint = "ROLLBACK TO save";

    private async Task CommitGroupAsync(List<Job> group)
    {
        try
        {
            var db = await WriterAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            var transaction = tx.GetDbTransaction();
            var alone = group.Count == 1;
            foreach (var job in group)
            {
                if (!alone) await SqlitePreparedStatements.ExecuteAsync(db, Savepoint, [], CancellationToken.None);
                try
                {
                    if (contextPerSave)
                    {
                        var saveDb = await SaveContextAsync(db);
                        await saveDb.Database.UseTransactionAsync(transaction);
                        try
                        {
                            await job.RunAsync(saveDb);
                        }
                        finally
                        {
                            // What this save staged (all of it when it failed) must not reach the next one.
                            saveDb.ChangeTracker.Clear();
                            await saveDb.Database.UseTransactionAsync(null);
                        }
                    }
                    else
                    {
                        await job.RunAsync(db);
                    }
                    if (!alone) await SqlitePreparedStatements.ExecuteAsync(db, ReleaseSavepoint, [], CancellationToken.None);
                }
                catch (Exception failure)
                {
                    job.Failure = failure;
                    if (alone)
                    {
                        await tx.RollbackAsync();
                        job.Fail(failure);
                        return;
                    }
                    await SqlitePreparedStatements.ExecuteAsync(db, RollbackToSavepoint, [], CancellationToken.None);
                    await SqlitePreparedStatements.ExecuteAsync(db, ReleaseSavepoint, [], CancellationToken.None);
                }
            }

            if (BeforeCommit is { } hook) await hook(group.Count);
            await tx.CommitAsync();
        }
        catch (Exception failure)
        {
            // Nothing of the group is durable: no save of it may be acknowledged. The transaction itself failed (not one
            // save of it): the next group starts on a new connection.
            await DropWriterAsync();
            foreach (var job in group) job.Fail(job.Failure ?? failure);
            return;
        }
        finally
        {
            // Saves that share the writer's context track nothing; should one have, it must not reach the next group.
            _writer?.ChangeTracker.Clear();
        }

        Committed?.Invoke(group.Count);
        foreach (var job in group)
        {
            if (job.Failure is { } failure) job.Fail(failure);
            else job.Succeed();
        }
    }

    private abstract class Job
    {
        public Exception? Failure { get; set; }
        public abstract bool Answered { get; }
        public abstract Task RunAsync(WorkflowDbContext db);
        public abstract void Succeed();
        public abstract void Fail(Exception failure);
    }

    private sealed class Job<T>(Func<WorkflowDbContext, CancellationToken, Task<T>> work, ExecutionContext? context, CancellationToken cancellationToken) : Job
    {
        private T _result = default!;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool Answered => Completion.Task.IsCompleted;

        public override async Task RunAsync(WorkflowDbContext db)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task<T> task = null!;
            // The save's awaits capture the caller's context, so its continuations run in it too.
            ExecutionContext.Run(context ?? s_clean, _ => task = work(db, cancellationToken), null);
            _result = await task;
        }

        public override void Succeed() => Completion.TrySetResult(_result);

        public override void Fail(Exception failure) => Completion.TrySetException(failure);
    }
}
