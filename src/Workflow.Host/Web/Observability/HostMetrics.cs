using System.Diagnostics.Metrics;

namespace Workflow.Host.Web.Observability;

/// <summary>The Host's own metrics (meter <see cref="MeterName"/>); the engine's are in <c>Workflow.Engine.Diagnostics.WorkflowMetrics</c>.</summary>
public static class HostMetrics
{
    public const string MeterName = "Workflow.Host";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Step actions applied through the API (a replayed idempotent retry is not counted again); tag <c>outcome</c>.</summary>
    public static readonly Counter<long> StepActions = Meter.CreateCounter<long>("workflow.step.actions", "{action}", "Step actions applied.");
}
