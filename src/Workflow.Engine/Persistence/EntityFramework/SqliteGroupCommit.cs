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
/// caller ran it) and, when <c>contextPerSave</c>, on a context of its own bound to the group's connection and
/// transaction, so participants see the writes of the saves before them in the group, as they would see them committed
/// one by one, and what a failed save staged on its context never reaches another save. Without participants the saves
/// track nothing (their statements are sent as SQL) and share the group's context. A group of one save runs without a
/// savepoint: its failure rolls the whole transaction back, which is the same (docs/benchmarks.md, "2026-12-01 (2)").
/// </remarks>
internal sealed class SqliteGroupCommit(IDbContextFactory<WorkflowDbContext> contexts, bool contextPerSave = true)
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
    public Task<T> RunAsync<T>(Func<WorkflowDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var job = new Job<T>(work, ExecutionContext.Capture(), cancellationToken);
        _queue.Enqueue(job);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            // The drainer must not carry this caller's ambient values into other callers' saves.
            using (ExecutionContext.SuppressFlow()) _ = Task.Run(DrainAsync, CancellationToken.None);
        }
        return job.Completion.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var group = new List<Job>();
            while (group.Count < MaxGroupSize && _queue.TryDequeue(out var job)) group.Add(job);
            if (group.Count > 0)
            {
                await CommitGroupAsync(group);
                continue;
            }

            Volatile.Write(ref _draining, 0);
            // A save enqueued after the last dequeue and before the flag was cleared found a drainer running: take it.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        }
    }

    private async Task CommitGroupAsync(List<Job> group)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Database.AutoSavepointsEnabled = false;
            var connection = db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            var savepoint = 0;
            var alone = group.Count == 1;
            foreach (var job in group)
            {
                var name = "save" + savepoint++;
                if (!alone) await tx.CreateSavepointAsync(name);
                try
                {
                    if (contextPerSave)
                    {
                        // Bound to the group's connection: outside the context pool (WorkflowDbContextFactory.CreateUnpooled).
                        await using var jobDb = contexts is WorkflowDbContextFactory factory ? factory.CreateUnpooled() : await contexts.CreateDbContextAsync();
                        jobDb.Database.SetDbConnection(connection, contextOwnsConnection: false);
                        await jobDb.Database.UseTransactionAsync(transaction);
                        // The group's transaction and this savepoint already bound the save: EF's own savepoints would only add statements.
                        jobDb.Database.AutoSavepointsEnabled = false;
                        await job.RunAsync(jobDb);
                    }
                    else
                    {
                        await job.RunAsync(db);
                    }
                    if (!alone) await tx.ReleaseSavepointAsync(name);
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
                    await tx.RollbackToSavepointAsync(name);
                    await tx.ReleaseSavepointAsync(name);
                }
            }

            if (BeforeCommit is { } hook) await hook(group.Count);
            await tx.CommitAsync();
        }
        catch (Exception failure)
        {
            // Nothing of the group is durable: no save of it may be acknowledged.
            foreach (var job in group) job.Fail(job.Failure ?? failure);
            return;
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
        public abstract Task RunAsync(WorkflowDbContext db);
        public abstract void Succeed();
        public abstract void Fail(Exception failure);
    }

    private sealed class Job<T>(Func<WorkflowDbContext, CancellationToken, Task<T>> work, ExecutionContext? context, CancellationToken cancellationToken) : Job
    {
        private T _result = default!;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(WorkflowDbContext db)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task<T> task = null!;
            // The save's awaits capture the caller's context, so its continuations run in it too.
            if (context is null) task = work(db, cancellationToken);
            else ExecutionContext.Run(context, _ => task = work(db, cancellationToken), null);
            _result = await task;
        }

        public override void Succeed() => Completion.TrySetResult(_result);

        public override void Fail(Exception failure) => Completion.TrySetException(failure);
    }
}
