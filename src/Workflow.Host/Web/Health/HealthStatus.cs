namespace Workflow.Host.Web.Health;

/// <summary>The answer of the health endpoints (<see cref="HealthEndpoints"/>): <c>{"status": "Healthy"}</c> while the app serves.</summary>
public sealed record HealthStatus(string Status);
