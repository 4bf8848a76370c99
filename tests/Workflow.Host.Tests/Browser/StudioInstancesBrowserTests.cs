using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Workflow.Testing;
using Xunit.Abstractions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The Studio's "Workflow instances" screen and the screens a designer reaches from it, in Debian's Chromium with the
/// real bundle (docs/studio.md). Every screen visited is checked for the Blazor error banner ("An unhandled error has
/// occurred"); the test fails on it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioInstancesBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static async Task ShouldShowNoErrorBannerAsync(IPage page, string screen) =>
        (await page.IsVisibleAsync("#blazor-error-ui")).Should().BeFalse($"the {screen} must not show the error banner");

    private void Log(string title, StudioRequestLog log)
    {
        output.WriteLine(title);
        foreach (var line in log.Lines)
            output.WriteLine("  " + line);
    }

    [ChromiumFact]
    public async Task The_instances_screen_lists_instances_and_opens_one_in_the_viewer_without_an_error_banner()
    {
        string instanceId;
        using (var api = await ApiAsync(Roles.Designer))
        {
            var model = JsonNode.Parse("""
                {"definitionId":"instances-wf","name":"实例列表流程","root":{"id":"root1","type":"Elsa.Flowchart","version":1,
                 "activities":[
                   {"id":"start1","type":"Elsa.Start","version":1,"metadata":{"designer":{"position":{"x":100,"y":100}}}},
                   {"id":"wl1","type":"Elsa.WriteLine","version":1,"text":{"typeName":"String","expression":{"type":"Literal","value":"你好"}},"metadata":{"designer":{"position":{"x":350,"y":100}}}}],
                 "connections":[{"source":{"activity":"start1","port":"Done"},"target":{"activity":"wl1","port":"In"},"vertices":[]}]}}
                """);
            (await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true })).EnsureSuccessStatusCode();
            var run = await api.PostAsJsonAsync("/elsa/api/workflow-definitions/instances-wf/execute", new { });
            run.EnsureSuccessStatusCode();
            instanceId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var log = new StudioRequestLog(page);

        await browser.SignInAsync(page, Roles.Designer, "/studio/instances");
        var row = page.Locator("elsa-workflow-instance-list tr", new() { HasTextString = instanceId });
        await row.First.WaitForAsync();
        await page.WaitForTimeoutAsync(2_000);
        Log("instance list:", log);
        await ShouldShowNoErrorBannerAsync(page, "instance list");
        log.Lines.Should().Contain(l => l.StartsWith("POST /elsa/api/workflow-instances ") && l.EndsWith("→ 200"));
        Directory.CreateDirectory(Screenshots.Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "studio-instances.png") });

        await row.First.ClickAsync();
        await page.WaitForURLAsync($"**/studio/instances/{instanceId}");
        await page.WaitForFunctionAsync("() => document.querySelector('elsa-workflow-instance-viewer')?.childElementCount > 0");
        await page.WaitForSelectorAsync("elsa-workflow-instance-viewer .x6-node");
        await page.WaitForTimeoutAsync(3_000);
        Log("after opening the instance:", log);
        await ShouldShowNoErrorBannerAsync(page, "instance viewer");
        log.Lines.Should().Contain(l => l.StartsWith($"GET /elsa/api/workflow-instances/{instanceId} ") && l.EndsWith("→ 200"));
        log.Lines.Should().NotContain(l => l.EndsWith("→ 404") || l.EndsWith("→ 500"), "every call of these screens is answered");
    }

    private async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = "demo" });
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new("Bearer", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>());
        return client;
    }
}
