namespace Workflow.Host.Web.Problems;

/// <summary>
/// The largest request body the app reads, <c>Limits:MaxRequestBodyBytes</c> (default 4 MiB; docs/api.md, Input limits).
/// Kestrel refuses longer bodies as they stream (its <c>MaxRequestBodySize</c>, answered 413 by
/// <see cref="BadRequestExceptionHandler"/>); a declared <c>Content-Length</c> above it is refused here before anything
/// is read, with 413 problem details in the request's language.
/// </summary>
public static class RequestBodyLimit
{
    public const string Key = "Limits:MaxRequestBodyBytes";
    public const long DefaultBytes = 4 * 1024 * 1024;

    public static long Of(IConfiguration configuration) => configuration.GetValue<long?>(Key) is long bytes and > 0 ? bytes : DefaultBytes;

    /// <summary>After the request localization (the problem's language), before routing.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = Localization.Ui.T("请求体过大。", "The request body is too large."),
                    Detail = Localization.Ui.T($"请求体最多 {maxBytes} 字节。", $"A request body may have at most {maxBytes} bytes."),
                },
            });
            return;
        }
        await next(context);
    });
}
