using Microsoft.Playwright;

namespace Workflow.Host.Tests.Browser;

/// <summary>Drawing on the Studio's X6 canvas as a designer does (docs/studio.md "Selectors").</summary>
internal static class StudioCanvas
{
    /// <summary>Drags from an outcome port of one node to the In port of another, as a designer draws a connection.</summary>
    public static async Task ConnectAsync(IPage page, ILocator from, string port, ILocator to)
    {
        var source = await from.Locator($"[port='{port}'] circle").First.BoundingBoxAsync();
        var target = await to.Locator("[port='In'] circle").First.BoundingBoxAsync();
        await page.Mouse.MoveAsync(source!.X + source.Width / 2, source.Y + source.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(target!.X + target.Width / 2, target.Y + target.Height / 2, new() { Steps = 15 });
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(1_000);
    }
}
