using Workflow.Load.Measure;

namespace Workflow.Load.Product;

/// <summary>
/// Issue #16 (b): the product's step actions in process (<see cref="InProcessPermits"/>) and over HTTP
/// (<see cref="HttpPermits"/>), with 1 and 8 concurrent workers, interleaved over the rounds, each on a fresh database.
/// </summary>
public static class ProductSection
{
    /// <summary>Runs the section and adds its medians to <paramref name="summary"/>.</summary>
    public static async Task RunAsync(LoadOptions options, string folder, Dictionary<string, object?> summary)
    {
        // The two Hosts start side by side (their start-up is mostly one thread's JIT; the machine has two cores).
        using var http = new HttpPermits();
        var serving = Task.Run(() => _ = http.Server); // start the Host (migrations, demo users) before timing
        // Commands not recorded: nothing here reads them, and a run would keep every command with its parameters (the
        // state JSON of every resume). Not the cause of the in-process C=8 tail, though (docs/benchmarks.md, A/B of 2026-12-02).
        await using var host = await PermitHost.StartAsync(folder, recordCommands: false);
        await serving;
        Progress.Say("product: both Hosts started");
        // Untimed until the JIT settled (JitWarmUp), both paths and both widths, so that no round measures the compiler.
        await JitWarmUp.RunAsync("product", async slice =>
        {
            var quarter = slice / 4;
            await InProcessPermits.RunAsync(host, 1, quarter);
            await http.RunAsync(1, quarter);
            await InProcessPermits.RunAsync(host, 8, quarter);
            await http.RunAsync(8, quarter);
        }, TimeSpan.FromSeconds(2), options.Quick ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(120));
        await ActionProfile.RunAsync(host, options.Measurement);
        Progress.Say($"  over HTTP, per action (C=1, client and server): {await http.ProfileAsync(40)}");
        var rounds = new List<Dictionary<string, RunFigures>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var figures = new Dictionary<string, RunFigures>();
            foreach (var c in new[] { 1, 8 })
            {
                figures[$"in{c}"] = await InProcessPermits.RunAsync(host, c, options.Measurement);
                Progress.Say($"round {round}: {figures[$"in{c}"]}");
                figures[$"http{c}"] = await http.RunAsync(c, options.Measurement);
                Progress.Say($"round {round}: {figures[$"http{c}"]}");
            }
            rounds.Add(figures);
        }
        double Median(string key, Func<RunFigures, double> figure) => Latencies.Median(rounds.Select(r => figure(r[key])));
        summary["httpStepsPerSecond"] = Median("http8", f => f.StepsPerSecond);
        summary["httpP99Ms"] = Median("http8", f => f.StepP99Ms);
        summary["inProcessStepsPerSecond"] = Median("in8", f => f.StepsPerSecond);
        Progress.Say($"medians: in process C=1 {Median("in1", f => f.StepsPerSecond):F1} C=8 {Median("in8", f => f.StepsPerSecond):F1} actions/s; "
            + $"HTTP C=1 {Median("http1", f => f.StepsPerSecond):F1} C=8 {Median("http8", f => f.StepsPerSecond):F1} actions/s (p99 {Median("http8", f => f.StepP99Ms):F1} ms)");
    }
}
