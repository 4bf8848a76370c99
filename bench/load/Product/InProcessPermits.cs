using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Load.Measure;
using Workflow.Load.Sqlite;

namespace Workflow.Load.Product;

/// <summary>
/// Issue #16 (b), in process: C workers each take a new stage-3 case (施工许可: intake → the parallel reviews → the
/// permit), accept it, approve every review and issue the permit, through <see cref="Workflow.Definitions.Steps.StepDesk"/>
/// as the Host's step endpoint does. A step is one action; a completion one issued case. Creating the project and
/// the application is not timed.
/// </summary>
public static class InProcessPermits
{
    /// <summary>One measurement on <paramref name="host"/> with <paramref name="workers"/> workers.</summary>
    public static async Task<RunFigures> RunAsync(PermitHost host, int workers, TimeSpan duration)
    {
        var sizeBefore = await SqliteFile.CheckpointedSizeAsync(host.DatabasePath!);
        var latencies = new Latencies();
        var completions = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var untimed = 0L; // ticks spent creating projects and applications, left out of the rate
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < duration)
            {
                var setup = System.Diagnostics.Stopwatch.GetTimestamp();
                var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);
                Interlocked.Add(ref untimed, System.Diagnostics.Stopwatch.GetTimestamp() - setup);
                while (file.Steps.FirstOrDefault(s => s.IsOpen) is { } step)
                {
                    var one = System.Diagnostics.Stopwatch.GetTimestamp();
                    file = await host.ActAsync(step.Id, step.Kind == StepKind.Intake ? "Accepted" : "Approved");
                    latencies.AddSince(one);
                }
                if (file.State != CaseState.Issued) throw new InvalidOperationException($"Case {file.CaseId} ended {file.State}, not issued.");
                Interlocked.Increment(ref completions);
            }
        })));
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds - (double)untimed / System.Diagnostics.Stopwatch.Frequency / workers;
        var size = await SqliteFile.CheckpointedSizeAsync(host.DatabasePath!);
        return new RunFigures($"permits in process C={workers}", completions, latencies.Count, seconds, latencies.Percentile(0.5), latencies.Percentile(0.99),
            DatabaseBytesPerInstance: completions == 0 ? 0 : (double)(size - sizeBefore) / completions, DatabaseBytes: size);
    }
}
