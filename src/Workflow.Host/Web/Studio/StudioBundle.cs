using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Workflow.Host.Web.Studio;

/// <summary>
/// The installed npm package <c>@elsa-workflows/elsa-studio-wasm</c> (version in <c>Studio/package.json</c>): the
/// prebuilt Blazor WebAssembly Studio, served under <c>/studio/</c>.
/// </summary>
public sealed class StudioBundle
{
    /// <summary>The file whose presence proves a folder is the bundle.</summary>
    public const string BootScript = "_framework/blazor.webassembly.js";

    public StudioBundle(IOptions<StudioOptions> options)
    {
        Path = Locate(options.Value.BundlePath);
        Files = Path is null ? new NullFileProvider() : new PhysicalFileProvider(Path);
    }

    /// <summary>The bundle's folder, or null when it is not installed (the Studio pages then say how to install it).</summary>
    public string? Path { get; }

    /// <summary>The bundle's files (empty when not installed).</summary>
    public IFileProvider Files { get; }

    /// <summary>True when the bundle is there.</summary>
    public bool IsInstalled => Path is not null;

    private static string? Locate(string configured)
    {
        if (!string.IsNullOrEmpty(configured))
            return IsBundle(configured) ? System.IO.Path.GetFullPath(configured) : null;
        var candidates = new[]
        {
            System.IO.Path.Combine(AppContext.BaseDirectory, "studio"),
            typeof(StudioBundle).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "StudioBundlePath")?.Value,
        };
        return candidates.FirstOrDefault(c => c is not null && IsBundle(c));
    }

    private static bool IsBundle(string folder) => File.Exists(System.IO.Path.Combine(folder, BootScript));
}
