namespace Workflow.Host.Web.Studio;

/// <summary>Where the Elsa Studio bundle is; configuration section <c>Studio</c>.</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>
    /// The folder holding the bundle's <c>_framework/</c> and <c>_content/</c>. Empty means: <c>studio/</c> beside the
    /// app (a published app), else the project's <c>Studio/node_modules/@elsa-workflows/elsa-studio-wasm</c> that the
    /// build installed (recorded in the assembly at build time).
    /// </summary>
    public string BundlePath { get; set; } = "";
}
