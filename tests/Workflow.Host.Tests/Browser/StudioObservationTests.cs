using System.Collections.Concurrent;
using Microsoft.Playwright;
using Workflow.Testing;
using Xunit.Abstractions;

namespace Workflow.Host.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class StudioObservationTests(BrowserFixture browser, ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task Explore_the_list_element()
    {
        var page = await browser.NewPageAsync();
        var calls = new ConcurrentQueue<string>();
        page.Response += (_, r) => { if (r.Url.Contains("/elsa/api")) calls.Enqueue($"{r.Request.Method} {r.Url} -> {r.Status}"); };
        page.Console += (_, m) => output.WriteLine("console: " + m.Text);
        await browser.SignInAsync(page, "designer", "/studio");
        await page.WaitForTimeoutAsync(40_000);
        foreach (var c in calls) output.WriteLine(c);
        output.WriteLine(await page.InnerHTMLAsync("body"));
        await page.ScreenshotAsync(new() { Path = "/tmp/studio-list.png" });
    }
}
