using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Workflow.Host.Web.Supervision;

/// <summary>
/// Apache ECharts (npm <c>echarts</c>, pinned in <c>Studio/package.json</c> and installed by the build with the Studio
/// bundle), served from this app under <c>/lib/echarts/</c> — no CDN (docs/supervision.md, Dashboard). A published app
/// carries <c>lib/echarts/echarts.min.js</c>.
/// </summary>
public static class ChartsLibrary
{
    public const string Script = "/lib/echarts/echarts.min.js";

    public static IApplicationBuilder UseChartsLibrary(this IApplicationBuilder app)
    {
        var candidates = new[]
        {
            Path.Combine(AppContext.BaseDirectory, "lib", "echarts"),
            typeof(ChartsLibrary).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "EChartsPath")?.Value,
        };
        var folder = candidates.FirstOrDefault(c => c is not null && File.Exists(Path.Combine(c, "echarts.min.js")));
        if (folder is null) return app;
        return app.UseStaticFiles(new StaticFileOptions { RequestPath = "/lib/echarts", FileProvider = new PhysicalFileProvider(Path.GetFullPath(folder)) });
    }
}
