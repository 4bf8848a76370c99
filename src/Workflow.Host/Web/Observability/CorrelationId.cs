using System.Text.RegularExpressions;

namespace Workflow.Host.Web.Observability;

/// <summary>
/// One id per request (docs/deployment.md, "Logs and metrics"): taken from the caller's <c>X-Correlation-Id</c> when it
/// is a plain token (≤ 64 letters, digits, <c>-_.:</c>), else made here; answered in the same header, put in every log
/// line of the request (a logging scope <c>CorrelationId</c>) and in every problem answer (<c>correlationId</c>), so a
/// user's error report finds the host's log lines — on whichever host served it.
/// </summary>
public static partial class CorrelationId
{
    public const string Header = "X-Correlation-Id";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Acceptable();

    /// <summary>The request's correlation id (set by <see cref="UseCorrelationId"/>; the trace identifier otherwise).</summary>
    public static string Of(HttpContext context) =>
        context.Items.TryGetValue(Header, out var id) && id is string text ? text : context.TraceIdentifier;

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var offered = context.Request.Headers[Header].ToString();
        var id = Acceptable().IsMatch(offered) ? offered : Guid.NewGuid().ToString("N");
        context.Items[Header] = id;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Workflow.Requests");
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            await next(context);
    });
}
