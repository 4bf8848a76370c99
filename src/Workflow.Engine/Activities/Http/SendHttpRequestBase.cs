using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Http;

/// <summary>The inputs of Elsa's SendHttpRequestBase (Elsa.Http/Activities/SendHttpRequestBase.cs), read for <see cref="OutboundHttp"/>.</summary>
public abstract class SendHttpRequestBase : Activity
{
    [Input(TypeName = "Uri", Description = "The URL to send the request to.")]
    public Input<string> Url { get; set; } = new();

    [Input(Description = "The HTTP method to use when sending the request.", UIHint = "dropdown", Options = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"], DefaultValue = "GET")]
    public Input<string> Method { get; set; } = new("GET");

    [Input(TypeName = "Object", Description = "The content to send with the request. Can be a string, an object, a byte array or a stream.")]
    public Input<JsonNode> Content { get; set; } = new();

    [Input(Description = "The content type to use when sending the request.", UIHint = "dropdown", Options = ["", "text/plain", "text/html", "application/json", "application/xml", "application/x-www-form-urlencoded"])]
    public Input<string> ContentType { get; set; } = new();

    [Input(Description = "The Authorization header value to send with the request. For example: Bearer {some-access-token}")]
    public Input<string> Authorization { get; set; } = new();

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
            OutputBinding.Set(context, "result", response.Result);
            OutputBinding.Set(context, "parsedContent", response.ParsedContent?.DeepClone());
        }
        return (response, failure);
    }
}
