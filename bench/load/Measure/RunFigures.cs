namespace Workflow.Load.Measure;

/// <summary>The figures of one timed run: completions (instances finished) and steps (resumes or step actions).</summary>
/// <param name="Name">What ran, e.g. <c>engine K=6 W=8</c>.</param>
/// <param name="Completions">Instances (or cases) finished.</param>
/// <param name="Steps">Steps acted (resumes, step actions).</param>
/// <param name="Seconds">Wall-clock seconds of the timed part.</param>
/// <param name="StepP50Ms">Median latency of one step.</param>
/// <param name="StepP99Ms">99th percentile latency of one step.</param>
/// <param name="BytesWrittenPerInstance">Bytes this process handed to <c>write()</c> per completion (/proc/self/io wchar).</param>
/// <param name="DatabaseBytesPerInstance">Growth of the database file (after a WAL checkpoint) per completion.</param>
/// <param name="DatabaseBytes">The database file's size at the end (after a checkpoint).</param>
public sealed record RunFigures(string Name, int Completions, int Steps, double Seconds, double StepP50Ms, double StepP99Ms,
    double BytesWrittenPerInstance = 0, double DatabaseBytesPerInstance = 0, long DatabaseBytes = 0)
{
    /// <summary>Completions per second.</summary>
    public double CompletionsPerSecond => Seconds <= 0 ? 0 : Completions / Seconds;

    /// <summary>Steps per second.</summary>
    public double StepsPerSecond => Seconds <= 0 ? 0 : Steps / Seconds;

    /// <summary>Wall-clock milliseconds per completion per worker (the cost of one instance).</summary>
    public double MillisecondsPerCompletion => Completions == 0 ? 0 : Seconds * 1000 / Completions;

    /// <summary>One line for the terminal.</summary>
    public override string ToString() =>
        $"{Name,-34} {CompletionsPerSecond,9:F1} completions/s {StepsPerSecond,9:F1} steps/s  p50 {StepP50Ms,7:F2} ms  p99 {StepP99Ms,7:F2} ms"
        + (DatabaseBytes > 0 || BytesWrittenPerInstance > 0 ? $"  write() {BytesWrittenPerInstance / 1024,9:F1} KB/inst  file {DatabaseBytesPerInstance / 1024,7:F1} KB/inst  db {DatabaseBytes / 1024.0 / 1024,6:F1} MB" : "");
}
