using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Http;

/// <summary>
/// The HTTP request a run is answering (set by the host around a start or resume through <see cref="HttpEndpointRouter"/>),
/// and the response Elsa.WriteHttpResponse leaves for the host to write. It flows with the run's async calls.
/// </summary>
public sealed class HttpWorkflowRequest
{
    private static readonly AsyncLocal<HttpWorkflowRequest?> CurrentRequest = new();

    /// <summary>The HTTP method, upper case (<c>GET</c>); matched against each endpoint's methods.</summary>
    public required string Method { get; init; }
    /// <summary>The path under the base path, starting with <c>/</c> (e.g. <c>/orders/7</c>).</summary>
    public required string Path { get; init; }
    /// <summary>The query string as name → value (the endpoint's <c>queryStringData</c> output).</summary>
    public JsonObject Query { get; init; } = [];
    /// <summary>The request headers as name → value (the endpoint's <c>headers</c> output); the host leaves out credentials.</summary>
    public JsonObject Headers { get; init; } = [];
    /// <summary>The request's content type; a JSON one makes the endpoint parse <see cref="Body"/>.</summary>
    public string? ContentType { get; init; }
    /// <summary>The request body as text, or null when empty.</summary>
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
