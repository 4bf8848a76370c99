using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Http;

/// <summary>The inputs of Elsa's SendHttpRequestBase (Elsa.Http/Activities/SendHttpRequestBase.cs), read for <see cref="OutboundHttp"/>.</summary>
public abstract class SendHttpRequestBase : Activity
{
    /// <summary>The absolute http(s) URL; its host must be in <see cref="OutboundHttpOptions.AllowedHosts"/> or the instance faults.</summary>
    [Input(TypeName = "Uri", Description = "The URL to send the request to.")]
    public Input<string> Url { get; set; } = new();

    /// <summary>The HTTP method (<c>GET</c> by default and when empty).</summary>
    [Input(Description = "The HTTP method to use when sending the request.", UIHint = "dropdown", Options = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"], DefaultValue = "GET")]
    public Input<string> Method { get; set; } = new("GET");

    /// <summary>The request body: a string is sent as is, anything else as JSON; sent only with a <see cref="ContentType"/>.</summary>
    [Input(TypeName = "Object", Description = "The content to send with the request. Can be a string, an object, a byte array or a stream.")]
    public Input<JsonNode> Content { get; set; } = new();

    /// <summary>The body's media type; without it no body is sent.</summary>
    [Input(Description = "The content type to use when sending the request.", UIHint = "dropdown", Options = ["", "text/plain", "text/html", "application/json", "application/xml", "application/x-www-form-urlencoded"])]
    public Input<string> ContentType { get; set; } = new();

    /// <summary>The Authorization header value (<c>Bearer …</c>); none when empty.</summary>
    [Input(Description = "The Authorization header value to send with the request. For example: Bearer {some-access-token}")]
    public Input<string> Authorization { get; set; } = new();

    /// <summary>Extra headers as a JSON object of name → value (or array of values).</summary>
    [Input(TypeName = "Object", Description = "The headers to send along with the request.")]
    public Input<JsonNode> RequestHeaders { get; set; } = new();

    /// <summary>Sends the request and binds the <c>result</c> and <c>parsedContent</c> outputs; a refused host faults the instance.</summary>
    private protected async Task<(OutboundHttp.Response? Response, OutboundHttp.Failure Failure)> SendAsync(ActivityExecutionContext context)
    {
        var (response, failure, message) = await OutboundHttp.SendAsync(context, new OutboundHttp.SendInputs(
            context.Get(Url), context.Get(Method), context.Get(Content), context.Get(ContentType), context.Get(Authorization), context.Get(RequestHeaders)));
        if (failure == OutboundHttp.Failure.Refused)
        {
            context.Fault(message!, "OutboundHttpRefused");
            return (null, failure);
        }
        if (response is not null)
        {
            context.SetOutput("Result", response.Result);
            context.SetOutput("ParsedContent", response.ParsedContent?.DeepClone());
        }
        return (response, failure);
    }
}
