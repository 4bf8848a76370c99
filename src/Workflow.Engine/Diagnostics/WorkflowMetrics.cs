using System.Diagnostics.Metrics;

namespace Workflow.Engine.Diagnostics;

/// <summary>
/// The engine's metrics (meter <see cref="MeterName"/>): resumes committed and how late timers fire. Recording costs
/// next to nothing while nobody listens; the Host exports them through OpenTelemetry when configured (docs/deployment.md).
/// </summary>
public static class WorkflowMetrics
{
    /// <summary>The meter's name, which an OpenTelemetry exporter subscribes to.</summary>
    public const string MeterName = "Workflow.Engine";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Bookmarks resumed and committed (a replayed idempotent retry is not counted again).</summary>
    public static readonly Counter<long> Resumes = Meter.CreateCounter<long>("workflow.resumes", "{resume}", "Bookmarks resumed and committed.");

    /// <summary>Seconds between a timer's due instant and its firing.</summary>
    public static readonly Histogram<double> TimerLag = Meter.CreateHistogram<double>("workflow.timer.lag", "s", "How late a due timer fired.");
}
