using Microsoft.Playwright;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>Full-page screenshots of the product's pages, into <see cref="Screenshots.Folder"/> (docs/images when updating the README's).</summary>
internal static class PageShots
{
    /// <summary>Saves <paramref name="page"/>, scrolled whole, as <c><paramref name="name"/>.png</c>.</summary>
    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots.Folder, name + ".png"), FullPage = true });
}
