namespace Workflow.Load.Measure;

/// <summary>What the run is doing, on the terminal (stderr, so that stdout's last line stays the JSON result).</summary>
public static class Progress
{
    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Writes one line, prefixed with the seconds since the run began.</summary>
    public static void Say(string line) => Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:F1}s] {line}");
}
