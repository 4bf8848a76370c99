namespace Workflow.Host;

/// <summary>The answer of <c>GET /health</c>: <c>{"status": "Healthy"}</c> while the app serves.</summary>
public sealed record HealthStatus(string Status);
