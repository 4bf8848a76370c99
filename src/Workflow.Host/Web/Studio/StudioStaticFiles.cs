using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Workflow.Host.Web.Studio;

/// <summary>
/// Serves the Studio bundle under <c>/studio/</c>, anonymously (it is the public npm package; the data it shows comes
/// from the protected API). Content types follow docs/studio.md: <c>.wasm</c> <c>application/wasm</c>, <c>.dat</c>,
/// <c>.dll</c>, <c>.pdb</c>, <c>.blat</c> <c>application/octet-stream</c>. The bundle ships <c>.br</c> and <c>.gz</c>
/// siblings of its files: a request for <c>X</c> from a client that accepts brotli or gzip is answered with the
/// sibling and <c>Content-Encoding</c> (the 92 MB bundle shrinks to a fraction); asked for directly they are plain
/// downloads.
/// </summary>
public static class StudioStaticFiles
{
    /// <summary>The path the bundle is served under; the host pages' <c>&lt;base href&gt;</c> is this plus a slash.</summary>
    public const string BasePath = "/studio";

    private const string EncodedItem = "studio.content-encoding";

    /// <summary>The content types of the bundle's files.</summary>
    public static FileExtensionContentTypeProvider ContentTypes()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".wasm"] = "application/wasm";
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".dll"] = "application/octet-stream";
        types.Mappings[".pdb"] = "application/octet-stream";
        types.Mappings[".blat"] = "application/octet-stream";
        types.Mappings[".br"] = "application/x-brotli";
        types.Mappings[".gz"] = "application/gzip";
        types.Mappings[".js"] = "text/javascript";
        types.Mappings[".mjs"] = "text/javascript";
        types.Mappings[".map"] = "application/json";
        types.Mappings[".json"] = "application/json";
        types.Mappings[".webmanifest"] = "application/manifest+json";
        types.Mappings[".scss"] = "text/x-scss";
        types.Mappings[".cur"] = "image/x-icon";
        return types;
    }

    /// <summary>Adds the precompressed-sibling negotiation and the static files for the bundle.</summary>
    public static IApplicationBuilder UseStudioBundle(this IApplicationBuilder app, StudioBundle bundle)
    {
        if (!bundle.IsInstalled)
            return app;
        var types = ContentTypes();
        app.Use((context, next) =>
        {
            ChoosePrecompressed(context, bundle, types);
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = BasePath,
            FileProvider = bundle.Files,
            ContentTypeProvider = types,
            OnPrepareResponse = ctx =>
            {
                if (ctx.Context.Items[EncodedItem] is (string encoding, string contentType))
                {
                    ctx.Context.Response.Headers.ContentEncoding = encoding;
                    ctx.Context.Response.ContentType = contentType;
                }
                // Bundle file names carry content hashes except a few boot files; revalidate all cheaply via ETag.
                ctx.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    private static void ChoosePrecompressed(HttpContext context, StudioBundle bundle, FileExtensionContentTypeProvider types)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Path.StartsWithSegments(BasePath, out var rest) || !rest.HasValue)
            return;
        var relative = rest.Value!;
        if (relative.EndsWith(".br", StringComparison.Ordinal) || relative.EndsWith(".gz", StringComparison.Ordinal)
            || !types.TryGetContentType(relative, out var contentType) || !bundle.Files.GetFileInfo(relative).Exists)
            return;

        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (!Accepts(request, encoding) || !bundle.Files.GetFileInfo(relative + suffix).Exists)
                continue;
            request.Path = BasePath + relative + suffix;
            context.Items[EncodedItem] = (encoding, contentType);
            return;
        }
    }

    private static bool Accepts(HttpRequest request, string encoding) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e =>
            string.Equals(e.Value.Value, encoding, StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);
}
