namespace Workflow.Load.Measure;

/// <summary>Latency samples of one run (thread-safe to add), read as percentiles in milliseconds.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    /// <summary>Adds one sample measured from <paramref name="startTimestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) to now.</summary>
    public void AddSince(long startTimestamp)
    {
        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        lock (_milliseconds) _milliseconds.Add(ms);
    }

    /// <summary>How many samples.</summary>
    public int Count { get { lock (_milliseconds) return _milliseconds.Count; } }

    /// <summary>The <paramref name="p"/>-th percentile (0–1), nearest rank; 0 without samples.</summary>
    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0) return 0;
            var sorted = _milliseconds.Order().ToList();
            return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1 is var i && i < 0 ? 0 : i)];
        }
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return 0;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
