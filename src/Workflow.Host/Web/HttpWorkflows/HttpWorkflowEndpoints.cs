using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Workflow.Engine.Activities.Http;

namespace Workflow.Host.Web.HttpWorkflows;

/// <summary>
/// Elsa.HttpEndpoint's routes: every method under <c>HttpWorkflows:BasePath</c> (default <c>/workflows</c>) is handed to
/// the engine's <see cref="HttpEndpointRouter"/>, for a caller with a bearer token only (as the API: 401 without). No workflow answering the path → 404
/// problem details; a workflow that wrote no response → 200 with no body (docs/http-workflows.md).
/// </summary>
public static class HttpWorkflowEndpoints
{
    public const string DefaultBasePath = "/workflows";

    public static IEndpointRouteBuilder MapHttpWorkflows(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        var basePath = "/" + (configuration["HttpWorkflows:BasePath"] ?? DefaultBasePath).Trim('/');
        app.Map(basePath + "/{**path}", (HttpContext http, string? path, HttpEndpointRouter router, CancellationToken cancellationToken) =>
                HandleAsync(http, path, router, cancellationToken))
            .RequireAuthorization(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build())
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, string? path, HttpEndpointRouter router, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Request.Body);
        var request = new HttpWorkflowRequest
        {
            Method = http.Request.Method.ToUpperInvariant(),
            Path = HttpRoute.Normalize(path),
            Query = new JsonObject(http.Request.Query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)JsonValue.Create(q.Value.ToString())))),
            Headers = new JsonObject(http.Request.Headers.Where(h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
                .Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value.ToString())))),
            ContentType = http.Request.ContentType,
            Body = await reader.ReadToEndAsync(cancellationToken),
            User = http.User.Identity?.Name,
        };
        var outcome = await router.HandleAsync(request, cancellationToken);
        if (outcome.InstanceIds.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No workflow answers this path",
                detail: $"No published workflow has an HTTP endpoint for {request.Method} {request.Path}, and no instance waits for one.");
        if (outcome.Response is not { } response) return TypedResults.Ok();
        foreach (var (name, value) in response.Headers) http.Response.Headers[name] = value;
        return TypedResults.Content(response.Content ?? "", response.ContentType, null, response.StatusCode);
    }
}
