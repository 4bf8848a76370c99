namespace Workflow.CrashTest;

/// <summary>The driver's arguments (scripts/crash-test.sh passes them).</summary>
internal sealed record Settings(
    IReadOnlyList<Uri> Hosts,
    string Database,
    string Folder,
    string Run,
    int Cases,
    int Clients,
    int Timers,
    TimeSpan TimerDelay,
    int PauseAt,
    int DemoProjects,
    bool NoKill)
{
    public static Settings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        string Get(string name, string? fallback = null) =>
            values.TryGetValue(name, out var v) ? v : fallback ?? throw new ArgumentException($"--{name} is required");
        var cases = int.Parse(Get("cases", "300"));
        return new(
            [.. Get("hosts").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(h => new Uri(h))],
            Get("database"),
            Get("folder"),
            Get("run", DateTime.UtcNow.ToString("HHmmss")),
            cases,
            int.Parse(Get("clients", "8")),
            int.Parse(Get("timers", "40")),
            TimeSpan.FromSeconds(int.Parse(Get("timer-seconds", "20"))),
            int.Parse(Get("pause-at", (cases * 7 * 2 / 3).ToString())),
            int.Parse(Get("demo-projects", "-1")),
            Get("no-kill", "false") == "true");
    }
}
