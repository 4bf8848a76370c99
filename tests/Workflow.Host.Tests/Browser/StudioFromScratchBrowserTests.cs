using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Workflow.Testing;
using Xunit.Abstractions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// A designer starts a workflow from scratch with the Studio's "Create workflow" (issue 9). The dialog asks
/// <c>is-name-unique</c> as the name is typed (elsa-studio's <c>IWorkflowDefinitionsApi.GetIsNameUniqueAsync</c>) and
/// saves with <c>publish: null</c>; both answered 404/400 before and the Studio showed its error banner.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioFromScratchBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [ChromiumFact]
    public async Task Create_workflow_asks_whether_the_name_is_unique_and_saves_the_new_definition_without_an_error_banner()
    {
        var name = "绿色通道施工许可-" + Guid.NewGuid().ToString("N")[..6];
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var log = new StudioRequestLog(page);
        await browser.SignInAsync(page, Roles.Designer, "/studio");
        await page.WaitForSelectorAsync("elsa-workflow-definition-list .definitions-table");
        await page.WaitForFunctionAsync("() => !document.querySelector('elsa-workflow-definition-list').innerText.includes('Loading...')");

        await page.GetByText("Create workflow").First.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("input[type=text]").First.FillAsync(name);
        var save = await page.RunAndWaitForResponseAsync(() => dialog.GetByText("Ok").ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/elsa/api/workflow-definitions");
        await page.WaitForTimeoutAsync(1_000);
        foreach (var line in log.Lines) output.WriteLine(line);

        log.Lines.Should().Contain(l => l.StartsWith("GET /elsa/api/workflow-definitions/validation/is-name-unique?name=") && l.EndsWith("→ 200"));
        JsonNode.Parse(save.Request.PostData!)!["publish"].Should().BeNull("the Studio sends publish: null for a new workflow");
        save.Status.Should().Be(200, await save.TextAsync());
        (await page.IsVisibleAsync("#blazor-error-ui")).Should().BeFalse("the Studio must not show its error banner");

        var definitionId = JsonNode.Parse(await save.TextAsync())!["workflowDefinition"]!["definitionId"]!.GetValue<string>();
        using var api = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        var token = JsonNode.Parse(await (await api.PostAsJsonAsync("/api/auth/token", new { username = Roles.Designer, password = "demo" })).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var stored = JsonNode.Parse(await api.GetStringAsync($"/elsa/api/workflow-definitions/by-definition-id/{definitionId}"))!;
        stored["name"]!.GetValue<string>().Should().Be(name);
        stored["isPublished"]!.GetValue<bool>().Should().BeFalse("a new workflow is a draft");
        var unique = JsonNode.Parse(await api.GetStringAsync($"/elsa/api/workflow-definitions/validation/is-name-unique?name={Uri.EscapeDataString(name)}"))!;
        unique["isUnique"]!.GetValue<bool>().Should().BeFalse("the name is taken now");
    }

    [ChromiumFact]
    public async Task Explore()
    {
        using var api = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        var token = JsonNode.Parse(await (await api.PostAsJsonAsync("/api/auth/token", new { username = Roles.Designer, password = "demo" })).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var model = JsonNode.Parse("""{"definitionId":"scratch-x","name":"scratch","root":{"id":"r1","type":"Elsa.Flowchart","version":1,"name":"Flowchart1"}}""");
        (await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false })).EnsureSuccessStatusCode();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var log = new StudioRequestLog(page);
        var shots = Screenshots.Folder;
        try
        {
            await browser.SignInAsync(page, Roles.Designer, "/studio/definitions/scratch-x");
            await page.WaitForSelectorAsync("elsa-workflow-definition-editor .x6-graph-svg");
            await page.WaitForTimeoutAsync(3000);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "x3.png") });
            output.WriteLine("nodes0 " + await page.Locator("elsa-workflow-definition-editor .x6-node").CountAsync());
            var category = page.Locator(".mud-expand-panel").Filter(new() { Has = page.Locator(".mud-expand-panel-text", new() { HasTextString = "Permits" }) });
            await category.Locator(".mud-expand-panel-header").ClickAsync();
            var canvas = page.Locator("elsa-workflow-definition-editor .x6-graph").First;
            var box = await canvas.BoundingBoxAsync();
            output.WriteLine($"canvas {box!.X},{box.Y},{box.Width},{box.Height}");
            var intake = category.Locator("[draggable=true]", new() { HasTextString = "一窗受理 Intake" });
            await intake.DragToAsync(canvas, new() { TargetPosition = new() { X = 150, Y = 150 } });
            await page.WaitForTimeoutAsync(1500);
            var review = category.Locator("[draggable=true]", new() { HasTextString = "并联审批 Parallel review" });
            await review.DragToAsync(canvas, new() { TargetPosition = new() { X = 450, Y = 150 } });
            await page.WaitForTimeoutAsync(1500);
            output.WriteLine("nodes " + await page.Locator("elsa-workflow-definition-editor .x6-node").CountAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "x4.png") });
            output.WriteLine("NODE " + (await page.Locator("elsa-workflow-definition-editor .x6-node").Last.InnerHTMLAsync())[..1500]);
            output.WriteLine("PORTS " + string.Join("\n", await page.Locator("elsa-workflow-definition-editor .x6-port").EvaluateAllAsync<string[]>("els => els.map(e => e.outerHTML.slice(0,300))")));
        }
        finally
        {
            foreach (var l in log.Lines) output.WriteLine(l);
        }
    }
}
