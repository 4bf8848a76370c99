using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Engine.Activities.Http;

/// <summary>
/// What both send activities do (Elsa.Http/Activities/SendHttpRequestBase.cs): build the request from the inputs, refuse
/// a host outside <see cref="OutboundHttpOptions.AllowedHosts"/>, send it through the named <see cref="IHttpClientFactory"/>
/// client (timeout, no automatic redirects — a redirect could lead off the allow-list), and read the response into the
/// <c>result</c> (status code and headers) and <c>parsedContent</c> outputs.
/// </summary>
internal static class OutboundHttp
{
    /// <summary>The <see cref="IHttpClientFactory"/> client name the engine registers.</summary>
    public const string ClientName = "Workflow.OutboundHttp";

    public enum Failure { None, Refused, FailedToConnect, Timeout }

    public sealed record Response(int StatusCode, JsonObject Result, JsonNode? ParsedContent);

    public static async Task<(Response? Response, Failure Failure, string? Message)> SendAsync(ActivityExecutionContext context, SendInputs inputs)
    {
        var options = context.Services.GetRequiredService<WorkflowEngineOptions>().OutboundHttp;
        if (!Uri.TryCreate(inputs.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return (null, Failure.Refused, $"{context.ActivityType}: \"{inputs.Url}\" is not an absolute http(s) URL.");
        if (!options.AllowedHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            return (null, Failure.Refused, $"{context.ActivityType}: outbound HTTP to host '{url.Host}' is refused: it is not in the allow-list " +
                $"(WorkflowEngineOptions.OutboundHttp.AllowedHosts; Host setting OutboundHttp:AllowedHosts), which is empty unless configured.");

        using var request = new HttpRequestMessage(new HttpMethod(string.IsNullOrWhiteSpace(inputs.Method) ? "GET" : inputs.Method.Trim().ToUpperInvariant()), url);
        if (!string.IsNullOrWhiteSpace(inputs.Authorization)) request.Headers.Authorization = AuthenticationHeaderValue.Parse(inputs.Authorization);
        if (inputs.Headers is JsonObject headers)
            foreach (var (name, value) in headers)
                request.Headers.TryAddWithoutValidation(name, value is JsonArray many ? many.Select(v => v?.ToString() ?? "") : [value?.ToString() ?? ""]);
        if (!string.IsNullOrWhiteSpace(inputs.ContentType) && inputs.Content is not null)
        {
            var text = inputs.Content is JsonValue v && v.TryGetValue<string>(out var s) ? s : inputs.Content.ToJsonString();
            request.Content = new StringContent(text, Encoding.UTF8, MediaTypeHeaderValue.Parse(inputs.ContentType).MediaType!);
        }

        var client = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
        client.Timeout = options.Timeout;
        client.MaxResponseContentBufferSize = options.MaxResponseBytes;
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            JsonNode? parsed = body.Length == 0 ? null
                : mediaType is not null && mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase) ? TryParse(body)
                : JsonValue.Create(body);
            var result = new JsonObject
            {
                ["statusCode"] = (int)response.StatusCode,
                ["headers"] = new JsonObject(response.Headers.Concat(response.Content.Headers)
                    .Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(string.Join(", ", h.Value))))),
            };
            return (new Response((int)response.StatusCode, result, parsed), Failure.None, null);
        }
        catch (TaskCanceledException)
        {
            return (null, Failure.Timeout, $"{context.ActivityType}: {url} did not answer within {options.Timeout}.");
        }
        catch (HttpRequestException e)
        {
            return (null, Failure.FailedToConnect, $"{context.ActivityType}: {url}: {e.Message}");
        }
    }

    private static JsonNode? TryParse(string body)
    {
        try { return JsonNode.Parse(body); }
        catch (System.Text.Json.JsonException) { return JsonValue.Create(body); }
    }

    /// <summary>The evaluated inputs both activities share.</summary>
    public sealed record SendInputs(string? Url, string? Method, JsonNode? Content, string? ContentType, string? Authorization, JsonNode? Headers);
}
