using Microsoft.AspNetCore.Authorization;

namespace Workflow.Host.Web.Problems;

/// <summary>
/// Makes the framework's own refusals problem details for every caller. Without this, a request that routing could not
/// match (404 unknown route, 405 method, 415 content type) meets the sign-in fallback policy first, and an anonymous
/// caller gets 401 or a redirect to <c>/signin</c> instead. The route map is no secret (the OpenAPI document is public),
/// so these answers are anonymous. Also answers a request target longer than <see cref="MaxTargetLength"/> with 414
/// (Kestrel's own 414, past its raised line limit, has no body).
/// </summary>
public static class RoutingRejections
{
    /// <summary>The longest path and query the app reads; longer is 414.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>Kestrel's request-line limit, above <see cref="MaxTargetLength"/> so that the app, not Kestrel, answers 414.</summary>
    public const int KestrelRequestLineLimit = 64 * 1024;

    private static readonly EndpointMetadataCollection Anonymous = new(new AllowAnonymousAttribute());

    /// <summary>Before <c>UseRouting</c>: refuses overlong request targets.</summary>
    public static IApplicationBuilder UseRequestTargetLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var length = context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length ?? 0;
        if (length > MaxTargetLength)
        {
            context.Response.StatusCode = StatusCodes.Status414UriTooLong;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status414UriTooLong, Title = Localization.Ui.T("地址过长。", "The address is too long."), Detail = Localization.Ui.T($"路径和查询串最多 {MaxTargetLength} 个字符。", $"Path and query may have at most {MaxTargetLength} characters.") },
            });
            return;
        }
        await next(context);
    });

    /// <summary>Between <c>UseRouting</c> and <c>UseAuthorization</c>: routing's 404/405/415 answers need no sign-in.</summary>
    public static IApplicationBuilder UseAnonymousRoutingRejections(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
            context.SetEndpoint(new Endpoint(NotFound, Anonymous, "404 Not Found"));
        else if (IsRoutingRejection(endpoint))
            context.SetEndpoint(new Endpoint(endpoint.RequestDelegate, new EndpointMetadataCollection([.. endpoint.Metadata, new AllowAnonymousAttribute()]), endpoint.DisplayName));
        return next(context);
    });

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound; // the status code pages write the problem details
        return Task.CompletedTask;
    }

    // Routing's matcher policies answer a method or content type no endpoint takes with endpoints of these names
    // (HttpMethodMatcherPolicy, ContentTypeMatcherPolicy); they carry no metadata of their own to tell them by.
    private static bool IsRoutingRejection(Endpoint endpoint) =>
        endpoint.DisplayName is "405 HTTP Method Not Supported" or "415 HTTP Unsupported Media Type";
}
