using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Http;

/// <summary>
/// Elsa.WriteHttpResponse (Elsa.Http/Activities/WriteHttpResponse.cs): writes the response to the request the run is
/// answering (<c>statusCode</c>, default OK; <c>content</c>; <c>contentType</c>, JSON for objects; <c>responseHeaders</c>).
/// In a run not started or resumed by a request there is nothing to answer: the instance faults, saying so.
/// </summary>
[Activity("Elsa", "HTTP", "Write a response to the current HTTP response object.", DisplayName = "HTTP Response", Kind = "Task")]
public sealed class WriteHttpResponse : Activity
{
    /// <summary>A number or an <see cref="System.Net.HttpStatusCode"/> name (<c>OK</c> by default); anything else answers 200.</summary>
    [Input(Description = "The status code to return.", DefaultValue = "OK", UIHint = "dropdown",
        Options = ["OK", "Created", "Accepted", "NoContent", "BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict", "InternalServerError"])]
    public Input<string> StatusCode { get; set; } = new("OK");

    /// <summary>The body: a string as is, anything else serialised as JSON; null sends no body.</summary>
    [Input(TypeName = "Object", Description = "The content to write back. String values will be sent as-is, while objects will be serialized to a JSON string.")]
    public Input<JsonNode> Content { get; set; } = new();

    /// <summary>The response's content type; when empty, <c>text/plain</c> for a string, <c>application/json</c> for other content, none without content.</summary>
    [Input(Description = "The content type to use when returning the response.", UIHint = "dropdown", Options = ["", "text/plain", "text/html", "application/json", "application/xml"])]
    public Input<string> ContentType { get; set; } = new();

    /// <summary>Extra response headers as a JSON object of name → value.</summary>
    [Input(TypeName = "Object", Description = "The headers to return along with the response.")]
    public Input<JsonNode> ResponseHeaders { get; set; } = new();

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        if (HttpWorkflowRequest.Current is not { } request)
        {
            context.Fault("Elsa.WriteHttpResponse: this run answers no HTTP request (it must follow an Elsa.HttpEndpoint reached by a request in the same run).");
            return ValueTask.CompletedTask;
        }
        var statusText = context.Get(StatusCode) ?? "OK";
        var status = int.TryParse(statusText, out var n) ? n
            : Enum.TryParse<System.Net.HttpStatusCode>(statusText, true, out var named) ? (int)named : 200;
        var content = context.Get(Content);
        var text = content is null ? null : content is JsonValue v && v.TryGetValue<string>(out var s) ? s : content.ToJsonString();
        var contentType = context.Get(ContentType) is { Length: > 0 } ct ? ct
            : content is null ? null
            : content is JsonValue sv && sv.TryGetValue<string>(out _) ? "text/plain" : "application/json";
        var headers = context.Get(ResponseHeaders) is JsonObject h
            ? h.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "")
            : new Dictionary<string, string>();
        request.Response = new HttpWorkflowResponse(status, contentType, text, headers);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
