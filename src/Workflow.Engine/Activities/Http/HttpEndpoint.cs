using System.Text.Json.Nodes;

namespace Workflow.Engine.Activities.Http;

/// <summary>
/// Elsa.HttpEndpoint (Elsa.Http/Activities/HttpEndpoint.cs): a request to <c>path</c> (under the host's base path, e.g.
/// <c>/workflows/orders/{id}</c>) with one of <c>supportedMethods</c> starts the workflow (when the activity may start it,
/// <c>canStartWorkflow</c>) or resumes an instance waiting here (bookmark kind <see cref="BookmarkKind"/>). Outputs as
/// Elsa: <c>parsedContent</c>, <c>queryStringData</c>, <c>headers</c>, <c>routeData</c> and <c>result</c> (the request).
/// Who may call is the host's business: it requires an authenticated user (docs/http-workflows.md).
/// </summary>
[Activity("Elsa", "HTTP", "Wait for an inbound HTTP request that matches the specified path and methods.", DisplayName = "HTTP Endpoint", Kind = "Trigger")]
public sealed class HttpEndpoint : Activity
{
    /// <summary>Bookmark kind of an instance waiting for a request; the payload holds <c>path</c> and <c>methods</c>.</summary>
    public const string BookmarkKind = "HttpEndpoint";

    /// <summary>The path template under the host's base path; <c>{name}</c> captures one segment, literals match case-insensitively.</summary>
    [Input(Description = "The path to associate with the workflow, e.g. orders/{id}.")]
    public Input<string> Path { get; set; } = new();

    /// <summary>The accepted methods (upper-cased); <c>GET</c> when empty.</summary>
    [Input(TypeName = "String[]", UIHint = "checklist", Options = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"], DefaultValue = "[\"GET\"]",
        Description = "The HTTP methods to accept.")]
    public Input<string[]> SupportedMethods { get; set; } = new(["GET"]);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var path = HttpRoute.Normalize(context.Get(Path));
        var methods = Methods(context);
        // Started (or run on) by a matching request that no other endpoint of this run took yet: it is this endpoint's.
        if (HttpWorkflowRequest.Current is { Taken: false } request && methods.Contains(request.Method) && HttpRoute.Match(path, request.Path) is { } route)
        {
            Take(context, request, route);
            return ValueTask.CompletedTask;
        }
        context.CreateBookmark(BookmarkKind, new JsonObject { ["path"] = path, ["methods"] = new JsonArray([.. methods.Select(m => (JsonNode?)m)]) });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var path = (string?)context.ResumedBookmark?.Payload?["path"] ?? HttpRoute.Normalize(context.Get(Path));
        if (HttpWorkflowRequest.Current is { } request && HttpRoute.Match(path, request.Path) is { } route) Take(context, request, route);
        else context.Complete(); // resumed without a request (e.g. a harness resuming every bookmark)
        return ValueTask.CompletedTask;
    }

    private string[] Methods(ActivityExecutionContext context) =>
        [.. (context.Get(SupportedMethods) is { Length: > 0 } m ? m : ["GET"]).Select(x => x.Trim().ToUpperInvariant())];

    private static void Take(ActivityExecutionContext context, HttpWorkflowRequest request, JsonObject route)
    {
        request.Taken = true;
        context.SetOutput("Result", request.ToJson(route));
        context.SetOutput("RouteData", route);
        context.SetOutput("QueryStringData", request.Query.DeepClone());
        context.SetOutput("Headers", request.Headers.DeepClone());
        context.SetOutput("ParsedContent", Parse(request));
        context.Complete();
    }

    private static JsonNode? Parse(HttpWorkflowRequest request)
    {
        if (string.IsNullOrEmpty(request.Body)) return null;
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try { return JsonNode.Parse(request.Body); }
            catch (System.Text.Json.JsonException) { return JsonValue.Create(request.Body); }
        }
        return JsonValue.Create(request.Body);
    }
}
