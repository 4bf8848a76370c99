namespace Workflow.Engine.Activities.Http;

/// <summary>
/// Elsa.SendHttpRequest (Elsa.Http/Activities/SendHttpRequest.cs): sends the request and completes with <c>Done</c>, the
/// response on the <c>result</c> and <c>parsedContent</c> outputs. Elsa also runs an embedded activity per expected status
/// code (<c>expectedStatusCodes</c>) or <c>unmatchedStatusCode</c>; those embedded activities are not run here
/// (docs/definition-format.md) — use Elsa.FlowSendHttpRequest's ports in a flowchart. A failed connection or a timeout
/// completes too, with no result, as in Elsa.
/// </summary>
[Activity("Elsa", "HTTP", "Send an HTTP request.", DisplayName = "HTTP Request", Kind = "Task")]
public sealed class SendHttpRequest : SendHttpRequestBase
{
    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var (_, failure) = await SendAsync(context);
        if (failure != OutboundHttp.Failure.Refused) context.Complete();
    }
}
