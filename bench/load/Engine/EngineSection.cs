using Workflow.Load.Measure;
using Workflow.Load.Peer;
using Workflow.Load.Sqlite;

namespace Workflow.Load.Engine;

/// <summary>
/// Issue #16 (a) and (d), with the peer when asked: rounds of engine K=6 with 1 and 8 workers, the peer in memory and
/// persisting, and raw SQLite commits, interleaved so that the shared machine's noise hits all alike; then the width
/// sweep K = 6, 30, 100, 300 (30 and 100 only without <c>--quick</c>).
/// </summary>
public static class EngineSection
{
    /// <summary>Runs the section and adds its medians to <paramref name="summary"/>.</summary>
    public static async Task RunAsync(LoadOptions options, string folder, Dictionary<string, object?> summary)
    {
        var peer = options.ComparePeer ? PeerEngine.InRepository() : null;
        if (peer is not null) await peer.EnsureInstalledAsync();
        var synchronous = 0L;
        var rounds = new List<Dictionary<string, RunFigures>>();
        await using (var k6 = await EngineLoad.CreateAsync(folder, 6))
        {
            synchronous = await SqliteFile.SynchronousAsync(k6.ConnectionString);
            // Untimed until the JIT settled (JitWarmUp), with one worker and with eight.
            await JitWarmUp.RunAsync("engine", async slice =>
            {
                await k6.RunAsync(1, slice / 2);
                await k6.RunAsync(8, slice / 2);
            }, TimeSpan.FromSeconds(1), options.Quick ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(60));
            Progress.Say($"SQLite synchronous={SqliteFile.LevelName(synchronous)} (WAL) for the engine and the raw commits");
            for (var round = 1; round <= options.Rounds; round++)
            {
                var figures = new Dictionary<string, RunFigures>();
                void Report(string key, RunFigures f) { figures[key] = f; Progress.Say($"round {round}: {f}"); }
                Report("engine1", await k6.RunAsync(1, options.Measurement));
                if (peer is not null) Report("peerMemory", await peer.RunAsync(6, 8, options.Measurement, persist: false));
                Report("engine8", await k6.RunAsync(8, options.Measurement));
                if (peer is not null) Report("peerPersist", await peer.RunAsync(6, 8, options.Measurement, persist: true));
                Report("raw", await RawCommits.RunAsync(folder, options.Measurement));
                rounds.Add(figures);
            }
        }

        double Median(string key, Func<RunFigures, double> figure) =>
            rounds.All(r => r.ContainsKey(key)) ? Latencies.Median(rounds.Select(r => figure(r[key]))) : double.NaN;
        summary["stepsPerSecond"] = Median("engine8", f => f.StepsPerSecond);
        summary["engineOneWorkerStepsPerSecond"] = Median("engine1", f => f.StepsPerSecond);
        summary["sqliteCommitsPerSecond"] = Median("raw", f => f.StepsPerSecond);
        summary["sqliteSynchronous"] = SqliteFile.LevelName(synchronous);
        if (peer is not null)
        {
            summary["peerInMemoryStepsPerSecond"] = Median("peerMemory", f => f.StepsPerSecond);
            summary["peerPersistStepsPerSecond"] = Median("peerPersist", f => f.StepsPerSecond);
            summary["ratio"] = Median("engine8", f => f.StepsPerSecond) / Median("peerMemory", f => f.StepsPerSecond);
        }
        Progress.Say($"medians K=6: engine W=1 {Median("engine1", f => f.CompletionsPerSecond):F1}/s (p99 {Median("engine1", f => f.StepP99Ms):F1} ms), "
            + $"W=8 {Median("engine8", f => f.CompletionsPerSecond):F1}/s (p99 {Median("engine8", f => f.StepP99Ms):F1} ms), raw commits {Median("raw", f => f.StepsPerSecond):F0}/s, "
            + $"engine W=1 steps ÷ raw commits {Median("engine1", f => f.StepsPerSecond) / Median("raw", f => f.StepsPerSecond):F2}");

        // The width sweep: the cost of one step (one worker) as K grows. --quick takes K=6 from the rounds and one K=300 instance.
        var cost = new Dictionary<int, double> { [6] = Median("engine1", f => f.MillisecondsPerCompletion) / (6 + 2) };
        foreach (var k in options.Quick ? new[] { 300 } : [6, 30, 100, 300])
        {
            await using var load = await EngineLoad.CreateAsync(folder, k);
            foreach (var workers in options.Quick ? new[] { 1 } : [1, 8])
            {
                var f = await load.RunAsync(workers, options.Measurement, maxInstances: options.Quick ? 1 : k >= 100 ? workers : int.MaxValue);
                Progress.Say($"width: {f}");
                if (workers == 1) cost[k] = f.MillisecondsPerCompletion / (k + 2);
            }
        }
        // Per step: constant cost per step means the same figure at every width (the issue's target: within 1.5×).
        summary["costGrowthK6toK300"] = cost[300] / cost[6];
        Progress.Say($"cost per step at K=300 ÷ at K=6: {cost[300] / cost[6]:F2}");
    }
}
