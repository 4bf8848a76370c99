using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Http;

/// <summary>
/// The HTTP request a run is answering (set by the host around a start or resume through <see cref="HttpEndpointRouter"/>),
/// and the response Elsa.WriteHttpResponse leaves for the host to write. It flows with the run's async calls.
/// </summary>
public sealed class HttpWorkflowRequest
{
    private static readonly AsyncLocal<HttpWorkflowRequest?> CurrentRequest = new();

    public required string Method { get; init; }
    /// <summary>The path under the base path, starting with <c>/</c> (e.g. <c>/orders/7</c>).</summary>
    public required string Path { get; init; }
    public JsonObject Query { get; init; } = [];
    public JsonObject Headers { get; init; } = [];
    public string? ContentType { get; init; }
    public string? Body { get; init; }
    /// <summary>Who sent it (the host's authenticated user name).</summary>
    public string? User { get; init; }

    /// <summary>Set by the first Elsa.HttpEndpoint that takes the request, so one request starts or resumes one endpoint per run.</summary>
    internal bool Taken { get; set; }

    /// <summary>What Elsa.WriteHttpResponse wrote, or null.</summary>
    public HttpWorkflowResponse? Response { get; set; }

    /// <summary>The request of the run in progress, or null outside an HTTP-triggered run.</summary>
    public static HttpWorkflowRequest? Current => CurrentRequest.Value;

    /// <summary>Makes <paramref name="request"/> current until the returned scope is disposed.</summary>
    public static IDisposable Enter(HttpWorkflowRequest request)
    {
        var previous = CurrentRequest.Value;
        CurrentRequest.Value = request;
        return new Scope(() => CurrentRequest.Value = previous);
    }

    /// <summary>The request as the endpoint's <c>result</c> output shows it.</summary>
    public JsonObject ToJson(JsonObject routeData) => new()
    {
        ["method"] = Method,
        ["path"] = Path,
        ["query"] = Query.DeepClone(),
        ["headers"] = Headers.DeepClone(),
        ["routeData"] = routeData.DeepClone(),
        ["contentType"] = ContentType,
        ["body"] = Body,
    };

    private sealed class Scope(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }
}

/// <summary>A response written by Elsa.WriteHttpResponse.</summary>
public sealed record HttpWorkflowResponse(int StatusCode, string? ContentType, string? Content, IReadOnlyDictionary<string, string> Headers);
