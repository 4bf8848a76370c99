using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Workflow.Load.Measure;

namespace Workflow.Load.Peer;

/// <summary>
/// The peer (bench/peer, bpmn-engine pinned by its package-lock.json) run as a child process: installed by its own
/// script when its packages are missing or older than the lock file, started once (<c>run.mjs --serve</c>) and warmed up
/// outside every measured window, then asked for one measurement per line; it answers one JSON object per line
/// (docs/benchmarks.md, "Load"). One process instead of one per measurement: Node's start and its JIT's warm-up were
/// counted in every 0.5 s round of <c>--quick</c> (87–109 steps/s against ~307 in 3 s rounds) and cost a start each.
/// </summary>
public sealed class PeerEngine(string folder) : IDisposable
{
    /// <summary>Untimed running before the first measurement (in memory, then with getState), so V8 has optimised the hot paths.</summary>
    private static readonly (TimeSpan Duration, bool Persist)[] WarmUp = [(TimeSpan.FromSeconds(1.5), false), (TimeSpan.FromSeconds(0.5), true)];

    private readonly StringBuilder _errors = new();
    private Process? _server;

    /// <summary>The peer of the repository containing this build (bench/peer next to Workflow.sln).</summary>
    public static PeerEngine InRepository() => new(Path.Combine(Repository.Root, "bench", "peer"));

    /// <summary>Runs bench/peer/install.sh (npm ci) unless node_modules is newer than package-lock.json.</summary>
    public async Task EnsureInstalledAsync()
    {
        var installed = Path.Combine(folder, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json"))) return;
        Progress.Say("installing the peer (bench/peer/install.sh: npm ci)");
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(folder, "install.sh"));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sh did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        if (process.ExitCode != 0) throw new InvalidOperationException($"bench/peer/install.sh failed ({process.ExitCode}): {await error}");
    }

    /// <summary>One measurement: width <paramref name="k"/>, <paramref name="concurrency"/> instances at once, for <paramref name="duration"/>.</summary>
    public async Task<RunFigures> RunAsync(int k, int concurrency, TimeSpan duration, bool persist)
    {
        var server = await ServerAsync();
        using var json = await AskAsync(server, k, concurrency, duration, persist);
        var r = json.RootElement;
        return new RunFigures($"peer K={k} C={concurrency} {(persist ? "getState" : "memory")}", r.GetProperty("completions").GetInt32(), r.GetProperty("steps").GetInt32(),
            r.GetProperty("seconds").GetDouble(), r.GetProperty("p50Ms").GetDouble(), r.GetProperty("p99Ms").GetDouble(),
            BytesWrittenPerInstance: r.GetProperty("stateBytesPerInstance").GetDouble());
    }

    /// <summary>The running peer; started and warmed up on first use.</summary>
    private async Task<Process> ServerAsync()
    {
        if (_server is { HasExited: false }) return _server;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(folder, "run.mjs"));
        start.ArgumentList.Add("--serve");
        var server = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_errors) _errors.AppendLine(e.Data); };
        server.BeginErrorReadLine();
        _server = server;
        var warming = Stopwatch.StartNew();
        foreach (var (duration, persist) in WarmUp) (await AskAsync(server, 6, 8, duration, persist)).Dispose();
        Progress.Say($"peer started and warmed up (K=6 C=8, untimed) in {warming.Elapsed.TotalSeconds:F1} s");
        return server;
    }

    private async Task<JsonDocument> AskAsync(Process server, int k, int concurrency, TimeSpan duration, bool persist)
    {
        await server.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new { k, concurrency, seconds = duration.TotalSeconds, persist }));
        await server.StandardInput.FlushAsync();
        var line = await server.StandardOutput.ReadLineAsync();
        if (line is null)
        {
            await server.WaitForExitAsync();
            lock (_errors) throw new InvalidOperationException($"The peer failed ({server.ExitCode.ToString(CultureInfo.InvariantCulture)}): {_errors}");
        }
        return JsonDocument.Parse(line);
    }

    /// <summary>Ends the peer: its input closes and it exits after the measurement it is running.</summary>
    public void Dispose()
    {
        if (_server is null) return;
        _server.StandardInput.Close();
        if (!_server.WaitForExit(5_000)) _server.Kill();
        _server.Dispose();
    }
}
