using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Workflow.Testing;
using Xunit.Abstractions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The real Studio bundle in Debian's Chromium against the real Host (docs/studio.md). Each test logs the Studio's
/// calls to /elsa/api (docs/studio.md lists what was observed).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string Images = Screenshots.Folder;

    private void Log(string title, StudioRequestLog log)
    {
        output.WriteLine(title);
        foreach (var line in log.Lines)
            output.WriteLine("  " + line);
    }

    private static async Task ShouldShowNoBlazorErrorAsync(IPage page)
    {
        (await page.IsVisibleAsync("#blazor-error-ui")).Should().BeFalse("the Studio element must boot without an unhandled error");
    }

    [ChromiumFact]
    public async Task A_designer_opens_the_definition_list_and_it_boots_without_an_error()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var log = new StudioRequestLog(page);

        await browser.SignInAsync(page, Roles.Designer, "/studio");
        await page.WaitForSelectorAsync("elsa-workflow-definition-list .definitions-table");
        await page.WaitForFunctionAsync("() => !document.querySelector('elsa-workflow-definition-list').innerText.includes('Loading...')");

        Log("definition list:", log);
        await ShouldShowNoBlazorErrorAsync(page);
        log.Lines.Should().Contain(l => l.StartsWith("GET /elsa/api/workflow-definitions?") && l.EndsWith("→ 200"));
        log.Lines.Should().NotContain(l => l.Contains("no bearer token"));
        Directory.CreateDirectory(Images);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Images, "studio-list.png") });
    }

    [ChromiumFact]
    public async Task A_designer_opens_a_saved_definition_in_the_editor_and_every_node_is_drawn()
    {
        var token = await TokenAsync(Roles.Designer);
        using (var api = Api(token))
        {
            var model = JsonNode.Parse("""
                {"definitionId":"browser-wf","name":"Browser workflow","variables":[],"root":{"id":"root1","type":"Elsa.Flowchart","version":1,
                 "activities":[
                   {"id":"start1","type":"Elsa.Start","version":1,"metadata":{"designer":{"position":{"x":100,"y":100}}}},
                   {"id":"wl1","type":"Elsa.WriteLine","version":1,"text":{"typeName":"String","expression":{"type":"Literal","value":"Hello"}},"metadata":{"designer":{"position":{"x":350,"y":100}}}}],
                 "connections":[{"source":{"activity":"start1","port":"Done"},"target":{"activity":"wl1","port":"In"},"vertices":[]}]}}
                """);
            (await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true })).EnsureSuccessStatusCode();
        }

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var log = new StudioRequestLog(page);
        await browser.SignInAsync(page, Roles.Designer, "/studio/definitions/browser-wf");
        await page.WaitForSelectorAsync("elsa-workflow-definition-editor .x6-node");
        await page.WaitForTimeoutAsync(2_000);

        Log("definition editor:", log);
        await ShouldShowNoBlazorErrorAsync(page);
        (await page.Locator("elsa-workflow-definition-editor .x6-node").CountAsync()).Should().Be(2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Images, "studio-editor.png") });
    }

    [ChromiumFact]
    public async Task A_seeded_stage_workflow_opens_in_the_editor_with_every_node_drawn()
    {
        const string definitionId = "stage-3-construction-permit";
        var file = Path.Combine(SharedFolder.RepositoryRoot, "src", "Workflow.Definitions", "Workflows", definitionId + ".json");
        var activities = JsonNode.Parse(File.ReadAllText(file))!["root"]!["activities"]!.AsArray().Count;

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var log = new StudioRequestLog(page);
        await browser.SignInAsync(page, Roles.Designer, $"/studio/definitions/{definitionId}");
        await page.WaitForSelectorAsync("elsa-workflow-definition-editor .x6-node");
        await page.WaitForTimeoutAsync(3_000);

        Log($"definition editor ({definitionId}):", log);
        await ShouldShowNoBlazorErrorAsync(page);
        (await page.Locator("elsa-workflow-definition-editor .x6-node").CountAsync()).Should().Be(activities, "every activity of the stage workflow is drawn");
        // The toolbar's first button ("zoom to fit", the fit-screen icon) brings the whole flowchart into view.
        await page.Locator("[role=toolbar] button:has(svg path[d^='M6,16h12V8H6V16z'])").ClickAsync();
        // For the picture: drag the splitters so that the canvas gets most of the page (the properties pane to the right
        // edge, the activity's input panel down), then zoom to fit again and move the pointer off the toolbar's tooltips.
        var bars = page.Locator(".rz-splitter-bar");
        await DragAsync(page, bars.Nth(2), 1290, null);
        await DragAsync(page, bars.Nth(1), null, 800);
        await page.Locator("[role=toolbar] button:has(svg path[d^='M6,16h12V8H6V16z'])").ClickAsync();
        await page.Mouse.MoveAsync(700, 890);
        await page.WaitForTimeoutAsync(1_500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Images, "studio-stage-workflow.png") });
    }

    [ChromiumFact]
    public async Task The_instance_viewer_page_loads_the_studio_element_and_its_calls_are_logged()
    {
        string instanceId;
        using (var api = Api(await TokenAsync(Roles.Designer)))
        {
            var model = JsonNode.Parse("""
                {"definitionId":"viewer-wf","name":"Viewer workflow","variables":[],"root":{"id":"root1","type":"Elsa.Flowchart","version":1,
                 "activities":[
                   {"id":"start1","type":"Elsa.Start","version":1,"metadata":{"designer":{"position":{"x":100,"y":100}}}},
                   {"id":"wl1","type":"Elsa.WriteLine","version":1,"text":{"typeName":"String","expression":{"type":"Literal","value":"Hello"}},"metadata":{"designer":{"position":{"x":350,"y":100}}}}],
                 "connections":[{"source":{"activity":"start1","port":"Done"},"target":{"activity":"wl1","port":"In"},"vertices":[]}]}}
                """);
            (await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true })).EnsureSuccessStatusCode();
            var run = await api.PostAsJsonAsync("/elsa/api/workflow-definitions/viewer-wf/execute", new { });
            run.EnsureSuccessStatusCode();
            instanceId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        }

        foreach (var id in new[] { "no-such-instance", instanceId })
        {
            await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(120_000);
            var log = new StudioRequestLog(page);

            await browser.SignInAsync(page, Roles.Admin, $"/studio/instances/{id}");
            await page.WaitForFunctionAsync("() => document.querySelector('elsa-workflow-instance-viewer').childElementCount > 0");
            await page.WaitForTimeoutAsync(8_000);

            Log($"instance viewer ({(id == instanceId ? "a finished instance" : "unknown instance id")}):", log);
            log.Lines.Should().Contain(l => l.StartsWith($"GET /elsa/api/workflow-instances/{id} "), "the viewer asks the API for the instance");
            log.Lines.Should().NotContain(l => l.Contains("no bearer token"));
            if (id == instanceId)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(Images, "studio-instance.png") });
                log.Lines.Should().OnlyContain(l => l.EndsWith("→ 200"), "every call the viewer makes for a real instance is answered");
                await ShouldShowNoBlazorErrorAsync(page);
            }
        }
    }

    [ChromiumFact]
    public async Task Agents_and_reviewers_get_403_on_the_studio_page_and_the_elsa_api()
    {
        foreach (var user in new[] { Roles.Agent, Roles.Reviewer, Roles.FrontDesk })
        {
            await using var context = await browser.Browser.NewContextAsync();
            var page = await context.NewPageAsync();
            await browser.SignInAsync(page, user);
            var response = await page.GotoAsync($"{browser.Server.BaseUrl}/studio");
            response!.Status.Should().Be(403, $"{user} may not open the Studio");
            (await page.ContentAsync()).Should().Contain("无权访问");

            using var api = Api(await TokenAsync(user));
            (await api.GetAsync("/elsa/api/descriptors/activities")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
        }
    }

    [ChromiumFact]
    public async Task The_supervisors_studio_page_token_reads_but_its_post_is_403()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await browser.SignInAsync(page, Roles.Supervisor, "/studio");
        var token = await page.GetAttributeAsync("elsa-workflow-definition-list", "access-token");

        using var api = Api(token!);
        (await api.GetAsync("/elsa/api/workflow-definitions")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = new { definitionId = "x" }, publish = true }))
            .StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }

    private static async Task DragAsync(IPage page, ILocator handle, float? toX, float? toY)
    {
        var box = (await handle.BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(toX ?? x, toY ?? y, new() { Steps = 10 });
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(300);
    }

    private HttpClient Api(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    private async Task<string> TokenAsync(string user)
    {
        using var client = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = "demo" });
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
    }
}
