using System.Text.Json.Nodes;
using Workflow.Engine.Model;

namespace Workflow.Engine.Activities.Http;

/// <summary>
/// Elsa.FlowSendHttpRequest (Elsa.Http/Activities/FlowSendHttpRequest.cs): sends the request and leaves by the port named
/// after the status code when it is one of <c>expectedStatusCodes</c> (default 200), else <c>Unmatched status code</c>
/// (<c>Done</c> when the list is empty); <c>Failed to connect</c> and <c>Timeout</c> when no answer came.
/// </summary>
[Activity("Elsa", "HTTP", "Send an HTTP request.", DisplayName = "HTTP Request (flow)", Kind = "Task")]
public sealed class FlowSendHttpRequest : SendHttpRequestBase
{
    /// <summary>The port taken when the status code is not among the expected ones (Elsa's name).</summary>
    internal const string Unmatched = "Unmatched status code";
    /// <summary>The port taken when no connection could be made.</summary>
    internal const string FailedToConnect = "Failed to connect";
    /// <summary>The port taken when no answer came within <see cref="OutboundHttpOptions.Timeout"/>.</summary>
    internal const string TimedOut = "Timeout";

    /// <summary>The status codes that get a port of their own ([200] by default); an empty list leaves by <c>Done</c> whatever the code.</summary>
    [Input(TypeName = "Int32[]", UIHint = "multi-text", DefaultValue = "[200]", Description = "A list of expected status codes to handle.")]
    public Input<int[]> ExpectedStatusCodes { get; set; } = new([200]);

    /// <inheritdoc />
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var expected = context.Get(ExpectedStatusCodes) ?? [];
        var (response, failure) = await SendAsync(context);
        switch (failure)
        {
            case OutboundHttp.Failure.Refused: return;
            case OutboundHttp.Failure.FailedToConnect: context.Complete(FailedToConnect); return;
            case OutboundHttp.Failure.Timeout: context.Complete(TimedOut); return;
        }
        var status = response!.StatusCode;
        context.Complete(expected.Length == 0 ? Outcomes.Done : expected.Contains(status) ? status.ToString() : Unmatched);
    }

    /// <summary>The ports as Elsa Studio draws them: one per expected code (a literal list), then the fixed ones.</summary>
    public override IReadOnlyList<string> GetOutcomes(ActivityNode node)
    {
        var codes = ReadCodes(node.FindProperty("expectedStatusCodes"));
        return codes.Count == 0 && node.FindProperty("expectedStatusCodes") is not null
            ? [Outcomes.Done, FailedToConnect, TimedOut]
            : [.. (codes.Count == 0 ? [200] : codes).Select(c => c.ToString()), Unmatched, FailedToConnect, TimedOut];
    }

    private static List<int> ReadCodes(JsonNode? raw)
    {
        if (raw is JsonObject wrapped && ActivityNode.ParseInput(wrapped) is { } input) raw = input.Value;
        if (raw is JsonValue v && v.TryGetValue<string>(out var text))
        {
            try { raw = JsonNode.Parse(text); }
            catch (System.Text.Json.JsonException) { return []; }
        }
        return raw is JsonArray a ? [.. a.Select(x => int.TryParse(x?.ToString(), out var n) ? n : -1).Where(n => n >= 100)] : [];
    }
}
