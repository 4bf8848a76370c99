namespace Workflow.Engine.Activities.Http;

/// <summary>
/// Bounds on Elsa.SendHttpRequest and Elsa.FlowSendHttpRequest (<see cref="WorkflowEngineOptions.OutboundHttp"/>, docs/scheduling.md
/// § HTTP). Nothing leaves the server unless its host is listed: the list is empty by default.
/// </summary>
public sealed class OutboundHttpOptions
{
    /// <summary>Host names (or IP literals) a workflow may call, compared case-insensitively; empty = every call refused.</summary>
    public List<string> AllowedHosts { get; } = [];

    /// <summary>How long one request may take, response body included; then the call ends as a timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest response body read; a larger one fails the call.</summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;
}
