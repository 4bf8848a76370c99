using System.Runtime;

namespace Workflow.Load.Measure;

/// <summary>
/// Runs a workload untimed until the JIT has settled: .NET compiles a method first quickly (tier 0), then again,
/// optimised, once it is hot (tier 1, on a background thread). A process as large as the Host (EF Core, ASP.NET Core,
/// JWT, the permit domain) was still compiling ~400 methods a second 45 s into the product section, the JIT taking a
/// fifth of the two cores' time, so that 3 s rounds measured the compiler more than the product (`perf`, 2026-12-02:
/// libclrjit 18–27 % of samples until 55 s into the run, under 0.3 % after; in-process C=1 55 actions/s in round 1,
/// 104 in rounds 2–3). A server runs for days; its first minute is not its throughput.
/// </summary>
public static class JitWarmUp
{
    /// <summary>Settled: fewer methods than this compiled in one slice of the workload.</summary>
    public const int SettledMethodsPerSlice = 25;

    /// <summary>
    /// Runs <paramref name="workload"/> in slices of <paramref name="slice"/> until a slice compiles fewer than
    /// <see cref="SettledMethodsPerSlice"/> methods or <paramref name="limit"/> has passed; reports what it took.
    /// </summary>
    public static async Task RunAsync(string what, Func<TimeSpan, Task> workload, TimeSpan slice, TimeSpan limit)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var first = JitInfo.GetCompiledMethodCount();
        long compiled;
        do
        {
            var before = JitInfo.GetCompiledMethodCount();
            await workload(slice);
            compiled = JitInfo.GetCompiledMethodCount() - before;
        }
        while (compiled >= SettledMethodsPerSlice && System.Diagnostics.Stopwatch.GetElapsedTime(started) < limit);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;
        Progress.Say($"warm-up {what}: {seconds:F1} s untimed, {JitInfo.GetCompiledMethodCount() - first:N0} methods compiled, "
            + (compiled < SettledMethodsPerSlice ? $"settled ({compiled} in the last {slice.TotalSeconds:F0} s)" : $"NOT settled at the {limit.TotalSeconds:F0} s limit ({compiled} in the last slice)"));
    }
}
