using Microsoft.AspNetCore.Http.Features;

namespace Workflow.Host.Web.Problems;

/// <summary>
/// The largest request body the app reads (docs/api.md, Input limits): <c>Limits:MaxRequestBodyBytes</c> (default 4 MiB)
/// for every endpoint, except those marked <see cref="AcceptsUploads"/>, which take as many files of <c>Files:MaxBytes</c>
/// (default 20 MB) as the mark says, plus <see cref="UploadEnvelopeBytes"/> for the multipart envelope. A declared <c>Content-Length</c>
/// above the endpoint's limit is refused here before anything is read, with 413 problem details in the request's
/// language; a streamed body is cut at the same limit by the server (Kestrel's <c>MaxRequestBodySize</c>, answered 413 by
/// <see cref="BadRequestExceptionHandler"/>).
/// </summary>
public static class RequestBodyLimit
{
    public const string Key = "Limits:MaxRequestBodyBytes";
    public const long DefaultBytes = 4 * 1024 * 1024;

    /// <summary>Room for the multipart boundaries, part headers and the page form's other fields around an uploaded file.</summary>
    public const long UploadEnvelopeBytes = 1024 * 1024;

    public static long Of(IConfiguration configuration) => configuration.GetValue<long?>(Key) is long bytes and > 0 ? bytes : DefaultBytes;

    /// <summary>The body limit of an endpoint taking <paramref name="files"/> files of at most <paramref name="maxFileBytes"/> each.</summary>
    public static long ForUploads(AcceptsUploads files, long maxFileBytes) => files.Files * maxFileBytes + UploadEnvelopeBytes;

    /// <summary>
    /// After routing (the endpoint names its limit) and the request localization (the problem's language), before
    /// anything reads the body. Kestrel's own limit must be the larger of the two, so that this is what decides.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app, long maxBytes, long maxFileBytes) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<AcceptsUploads>() is { } uploads ? ForUploads(uploads, maxFileBytes) : maxBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = Localization.Ui.T("请求体过大。", "The request body is too large."),
                    Detail = Localization.Ui.T($"请求体最多 {limit} 字节。", $"A request body may have at most {limit} bytes."),
                },
            });
            return;
        }
        // A body without a Content-Length (chunked) is cut while it streams, at this endpoint's limit, not the server's.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        await next(context);
    });
}

/// <summary>
/// Endpoint metadata: the endpoint takes uploaded material files, so its body may hold <see cref="Files"/> files of
/// <c>Files:MaxBytes</c> each (<see cref="RequestBodyLimit"/> reads the size from the configuration).
/// </summary>
public sealed class AcceptsUploads
{
    /// <summary>One file a request: the API's upload and the case page's upload form.</summary>
    public static readonly AcceptsUploads One = new(1);

    /// <summary>
    /// The apply form, where a file may be attached to each material: five files' worth together (100 MB by default),
    /// enough for the scans of one application without letting one request fill the disk.
    /// </summary>
    public static readonly AcceptsUploads ApplyForm = new(5);

    /// <summary>The largest of them, for the server's own limit.</summary>
    public static readonly AcceptsUploads Largest = ApplyForm;

    private AcceptsUploads(int files) => Files = files;

    public int Files { get; }
}
