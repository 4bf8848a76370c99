using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Workflow.Engine.Diagnostics;

namespace Workflow.Host.Web.Observability;

/// <summary>
/// Metrics through OpenTelemetry, off unless configured (docs/deployment.md, "Logs and metrics"):
/// <c>Telemetry:Prometheus=true</c> serves the Prometheus text format at <c>/metrics</c>;
/// <c>Telemetry:OtlpEndpoint=http://collector:4317</c> pushes OTLP. Exported: step actions, resumes, timer lag
/// (<see cref="HostMetrics"/>, <see cref="WorkflowMetrics"/>) and ASP.NET Core's request duration.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    private static bool Prometheus(IConfiguration configuration) => configuration.GetValue<bool>("Telemetry:Prometheus");

    public static IServiceCollection AddWorkflowTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var otlp = configuration["Telemetry:OtlpEndpoint"];
        if (!Prometheus(configuration) && string.IsNullOrWhiteSpace(otlp)) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("workflow-host"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HostMetrics.MeterName, WorkflowMetrics.MeterName, "Microsoft.AspNetCore.Hosting");
                if (Prometheus(configuration)) metrics.AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp)) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        return services;
    }

    /// <summary>Maps <c>/metrics</c> when the Prometheus format is on (anonymous: expose it to the scraper's network only).</summary>
    public static void MapWorkflowTelemetry(this WebApplication app)
    {
        if (Prometheus(app.Configuration))
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
    }
}
