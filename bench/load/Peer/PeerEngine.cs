using System.Diagnostics;
using System.Text.Json;
using Workflow.Load.Measure;

namespace Workflow.Load.Peer;

/// <summary>
/// The peer (bench/peer, bpmn-engine pinned by its package-lock.json) run as a child process: installed by its own
/// script when its packages are missing or older than the lock file, then run once per measurement; it prints one
/// JSON object (docs/benchmarks.md, "Load").
/// </summary>
public sealed class PeerEngine(string folder)
{
    /// <summary>The peer of the repository containing this build (bench/peer next to Workflow.sln).</summary>
    public static PeerEngine InRepository() => new(Path.Combine(Repository.Root, "bench", "peer"));

    /// <summary>Runs bench/peer/install.sh (npm ci) unless node_modules is newer than package-lock.json.</summary>
    public async Task EnsureInstalledAsync()
    {
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json"))) return;
        Progress.Say("installing the peer (bench/peer/install.sh: npm ci)");
        var (exit, _, error) = await RunAsync("sh", [Path.Combine(folder, "install.sh")]);
        if (exit != 0) throw new InvalidOperationException($"bench/peer/install.sh failed ({exit}): {error}");
    }

    /// <summary>One measurement: width <paramref name="k"/>, <paramref name="concurrency"/> instances at once, for <paramref name="duration"/>.</summary>
    public async Task<RunFigures> RunAsync(int k, int concurrency, TimeSpan duration, bool persist)
    {
        List<string> arguments = [Path.Combine(folder, "run.mjs"), "--k", k.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seconds", duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (persist) arguments.Add("--persist");
        var (exit, output, error) = await RunAsync("node", arguments);
        if (exit != 0) throw new InvalidOperationException($"The peer failed ({exit}): {error}");
        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var r = json.RootElement;
        return new RunFigures($"peer K={k} C={concurrency} {(persist ? "getState" : "memory")}", r.GetProperty("completions").GetInt32(), r.GetProperty("steps").GetInt32(),
            r.GetProperty("seconds").GetDouble(), r.GetProperty("p50Ms").GetDouble(), r.GetProperty("p99Ms").GetDouble(),
            BytesWrittenPerInstance: r.GetProperty("stateBytesPerInstance").GetDouble());
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
