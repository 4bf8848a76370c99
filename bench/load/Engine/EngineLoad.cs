using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;
using Workflow.Load.Measure;
using Workflow.Load.Sqlite;

namespace Workflow.Load.Engine;

/// <summary>
/// Issue #16 (a): the engine alone, durable on a fresh SQLite file, running <see cref="ForkJoinProcess"/> of width K
/// with W workers. Each worker starts an instance and resumes its bookmarks one by one (as the K + 2 people acting on a
/// case would) until it finishes, then takes the next; the definition is published in the store, as in production.
/// </summary>
public sealed class EngineLoad : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly WorkflowRuntime _runtime;
    private readonly string _path;
    private readonly int _k;

    private EngineLoad(ServiceProvider services, string path, int k)
    {
        _services = services;
        _runtime = services.GetRequiredService<WorkflowRuntime>();
        _path = path;
        _k = k;
    }

    /// <summary>The connection string of the engine's file.</summary>
    public string ConnectionString => $"Data Source={_path}";

    /// <summary>A fresh database in <paramref name="folder"/> with the process of width <paramref name="k"/> published.</summary>
    public static async Task<EngineLoad> CreateAsync(string folder, int k)
    {
        var path = Path.Combine(folder, $"engine-k{k}-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection().AddWorkflowSqlite($"Data Source={path}").AddWorkflowEngine().BuildServiceProvider();
        await services.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        await services.GetRequiredService<IWorkflowDefinitionStore>()
            .SaveAsync(ForkJoinProcess.DefinitionId(k), ForkJoinProcess.DefinitionId(k), null, ForkJoinProcess.Json(k), publish: true);
        var load = new EngineLoad(services, path, k);
        await load.RunInstanceAsync(null); // warm-up: JIT, connection pool, definition cache
        return load;
    }

    /// <summary>
    /// Runs <paramref name="workers"/> workers until <paramref name="duration"/> has passed (or
    /// <paramref name="maxInstances"/> instances have been taken); every instance taken is finished.
    /// </summary>
    public async Task<RunFigures> RunAsync(int workers, TimeSpan duration, int maxInstances = int.MaxValue)
    {
        var sizeBefore = await SqliteFile.CheckpointedSizeAsync(_path);
        var ioBefore = ProcessIo.Read();
        var latencies = new Latencies();
        var taken = 0;
        var completions = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < duration && Interlocked.Increment(ref taken) <= maxInstances)
            {
                await RunInstanceAsync(latencies);
                Interlocked.Increment(ref completions);
            }
        })));
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        var io = ProcessIo.Read().Since(ioBefore);
        var size = await SqliteFile.CheckpointedSizeAsync(_path);
        return new RunFigures($"engine K={_k} W={workers}", completions, latencies.Count, seconds, latencies.Percentile(0.5), latencies.Percentile(0.99),
            completions == 0 ? 0 : (double)io.BytesHandedToWrite / completions, completions == 0 ? 0 : (double)(size - sizeBefore) / completions, size);
    }

    private async Task RunInstanceAsync(Latencies? latencies)
    {
        var run = await _runtime.StartAsync(ForkJoinProcess.DefinitionId(_k));
        while (run.Status == WorkflowStatus.Running && run.Instance.Bookmarks.Count > 0)
        {
            var one = System.Diagnostics.Stopwatch.GetTimestamp();
            run = await _runtime.ResumeAsync(run.Instance.Id, run.Instance.Bookmarks[0].Id);
            latencies?.AddSince(one);
        }
        if (run.Status != WorkflowStatus.Finished) throw new InvalidOperationException($"Instance {run.Instance.Id} ended {run.Status}/{run.SubStatus}, not finished.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
