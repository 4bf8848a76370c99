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

    /// <summary>The Studio's publish button (see <see cref="StudioEditingBrowserTests"/>).</summary>
    private const string PublishButton = ".mud-button-group-root button:has(svg path[d^='M19.35 10.04'])";

    [ChromiumFact]
    public async Task A_designer_creates_and_draws_a_parallel_approval_flow_publishes_it_an_admin_binds_it_for_green_channel_and_only_green_cases_run_it()
    {
        using var designerApi = await ApiAsync(Roles.Designer);
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var log = new StudioRequestLog(page);
        page.Console += (_, m) => { if (m.Text.Contains("Exception")) output.WriteLine("console: " + m.Text); };

        // "Create workflow" on the definition list: the Studio makes the definition (and its id).
        await browser.SignInAsync(page, Roles.Designer, "/studio");
        await page.WaitForSelectorAsync("elsa-workflow-definition-list .definitions-table");
        await page.WaitForFunctionAsync("() => !document.querySelector('elsa-workflow-definition-list').innerText.includes('Loading...')");
        await page.GetByText("Create workflow").First.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("input[type=text]").First.FillAsync("绿色通道施工许可（新建）" + Guid.NewGuid().ToString("N")[..4]);
        await page.WaitForTimeoutAsync(800);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "studio-create.png") });
        var created = await page.RunAndWaitForResponseAsync(() => dialog.GetByText("Ok").ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/elsa/api/workflow-definitions");
        created.Status.Should().Be(200, await created.TextAsync());
        var id = JsonNode.Parse(await created.TextAsync())!["workflowDefinition"]!["definitionId"]!.GetValue<string>();

        await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/studio/definitions/{id}");
        await page.WaitForSelectorAsync("elsa-workflow-definition-editor .x6-graph-svg");
        await page.WaitForTimeoutAsync(2_000);

        // Drag three permit activities from the picker onto the canvas.
        var category = page.Locator(".mud-expand-panel").Filter(new() { Has = page.Locator(".mud-expand-panel-text", new() { HasTextString = "Permits" }) });
        await category.Locator(".mud-expand-panel-header").ClickAsync();
        var canvas = page.Locator("elsa-workflow-definition-editor .x6-graph").First;
        foreach (var (entry, x) in new[] { ("一窗受理 Intake", 80), ("并联审批 Parallel review", 330), ("统一出件 Issue result", 580) })
        {
            await category.Locator("[draggable=true]", new() { HasTextString = entry }).DragToAsync(canvas, new() { TargetPosition = new() { X = x, Y = 200 } });
            await page.WaitForTimeoutAsync(1_000);
        }
        (await page.Locator("elsa-workflow-definition-editor .x6-node").CountAsync()).Should().Be(3);

        // Connect Intake.Accepted → Parallel review; every other decided outcome must lead somewhere too
        // (ReviewOutcomeRule; docs/studio.md), so the refusals and all verdicts go to Issue result.
        await ConnectAsync(page, "Permits.Intake", "Accepted", "Permits.ParallelReview");
        foreach (var port in new[] { "Refused", "SupplementRequired" })
            await ConnectAsync(page, "Permits.Intake", port, "Permits.IssueResult");
        foreach (var port in new[] { "Approved", "ApprovedWithConditions", "Rejected" })
            await ConnectAsync(page, "Permits.ParallelReview", port, "Permits.IssueResult");

        // Pick the review's matters in the catalogue checklist.
        await Node(page, "Permits.ParallelReview").ClickAsync();
        var matters = page.Locator(".mud-input-control").Filter(new() { Has = page.Locator("legend, label", new() { HasTextString = "事项 Matters" }) });
        foreach (var code in new[] { "ZJJ-002", "SCJG-001" })
        {
            await matters.Locator(".mud-checkbox", new() { HasTextString = code }).First.ClickAsync();
            await page.WaitForTimeoutAsync(800);
        }

        var publish = page.Locator(PublishButton);
        var published = await page.RunAndWaitForResponseAsync(() => publish.ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/elsa/api/workflow-definitions" && r.Request.PostData!.Contains("\"publish\":true"));
        foreach (var line in log.Lines) output.WriteLine(line);
        published.Status.Should().Be(200, await published.TextAsync());
        (await page.IsVisibleAsync("#blazor-error-ui")).Should().BeFalse("editing a workflow the Studio created must not crash its Settings section");
        await page.Locator("[role=toolbar] button:has(svg path[d^='M6,16h12V8H6V16z'])").ClickAsync();
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "studio-new-flow.png") });

        var model = JsonNode.Parse(await designerApi.GetStringAsync($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Published"))!;
        var activities = model["root"]!["activities"]!.AsArray().ToDictionary(a => a!["type"]!.GetValue<string>(), a => a!["id"]!.GetValue<string>());
        activities.Keys.Should().BeEquivalentTo(["Permits.Intake", "Permits.ParallelReview", "Permits.IssueResult"]);
        model["root"]!["connections"]!.AsArray().Select(c => (c!["source"]!["activity"]!.GetValue<string>(), c["source"]!["port"]!.GetValue<string>(), c["target"]!["activity"]!.GetValue<string>()))
            .Should().BeEquivalentTo([
                (activities["Permits.Intake"], "Accepted", activities["Permits.ParallelReview"]),
                (activities["Permits.Intake"], "Refused", activities["Permits.IssueResult"]),
                (activities["Permits.Intake"], "SupplementRequired", activities["Permits.IssueResult"]),
                (activities["Permits.ParallelReview"], "Approved", activities["Permits.IssueResult"]),
                (activities["Permits.ParallelReview"], "ApprovedWithConditions", activities["Permits.IssueResult"]),
                (activities["Permits.ParallelReview"], "Rejected", activities["Permits.IssueResult"]),
            ]);

        // The administrator binds it to stage 3 for green-channel projects on the bindings page; an agent files two applications.
        using var admin = await ApiAsync(Roles.Admin);
        await using var adminContext = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var adminPage = await adminContext.NewPageAsync();
        await browser.SignInAsync(adminPage, Roles.Admin, "/bindings");
        await adminPage.SelectOptionAsync("#Stage", "ConstructionPermit");
        await adminPage.SelectOptionAsync("#ProjectKind", "GreenChannel");
        await adminPage.SelectOptionAsync("#DefinitionId", id);
        await adminPage.Locator("#bind button[type=submit]").ClickAsync();
        await adminPage.WaitForLoadStateAsync();
        (await adminPage.Locator("table", new() { HasTextString = id }).CountAsync()).Should().BeGreaterThan(0, "the page lists the new binding");
        await adminPage.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "bindings.png"), FullPage = true });
        try
        {
            using var agent = await ApiAsync(Roles.Agent);
            var green = await Api.Permits.PermitApiDriver.ApplyAsync(agent, await Api.Permits.PermitApiDriver.CreateProjectAsync(agent, greenChannel: true),
                Workflow.Definitions.Catalogue.Stage.ConstructionPermit, ["ZJJ-002", "SCJG-001"]);
            var plain = await Api.Permits.PermitApiDriver.ApplyAsync(agent, await Api.Permits.PermitApiDriver.CreateProjectAsync(agent, greenChannel: false),
                Workflow.Definitions.Catalogue.Stage.ConstructionPermit, ["ZJJ-002", "SCJG-001"]);
            green.GetProperty("workflow").GetProperty("definitionId").GetString().Should().Be(id);
            plain.GetProperty("workflow").GetProperty("definitionId").GetString().Should().Be("stage-3-construction-permit");

            using var frontdesk = await ApiAsync(Roles.FrontDesk);
            var intake = await Api.Permits.PermitApiDriver.OpenStepAsync(admin, green.GetProperty("id").GetString()!, "frontdesk");
            await Api.Permits.PermitApiDriver.ActAsync(frontdesk, intake.GetProperty("id").GetString()!, new { outcome = "Accepted" });
            foreach (var department in new[] { "zjj", "scjg" })
            {
                using var reviewer = await ApiAsync("reviewer-" + department);
                var inbox = JsonNode.Parse(await reviewer.GetStringAsync("/api/inbox"))!["items"]!.AsArray();
                inbox.Should().Contain(i => i!["caseId"]!.GetValue<string>() == green.GetProperty("id").GetString(), $"the new workflow's review is in {department}'s inbox");
            }

            // The designer's Run of the same flow is a test run, walked on the test panel (docs/studio.md "Test runs").
            var run = await designerApi.PostAsJsonAsync($"/elsa/api/workflow-definitions/{id}/execute", new { });
            run.EnsureSuccessStatusCode();
            var testRunId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
            await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/studio/tests/{testRunId}");
            (await page.Locator("table.waiting-steps tbody tr").CountAsync()).Should().Be(1, "the test run waits at its intake");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "studio-test-run.png"), FullPage = true });
        }
        finally
        {
            await admin.DeleteAsync("/api/bindings?stage=ConstructionPermit&projectKind=GreenChannel");
        }
    }

    private static ILocator Node(IPage page, string type) =>
        page.Locator("elsa-workflow-definition-editor .x6-node", new() { Has = page.Locator($"elsa-activity-wrapper[activity-json*='\"type\":\"{type}\"']") });

    private static Task ConnectAsync(IPage page, string fromType, string port, string toType) =>
        StudioCanvas.ConnectAsync(page, Node(page, fromType), port, Node(page, toType));

    private async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        var token = JsonNode.Parse(await (await client.PostAsJsonAsync("/api/auth/token", new { username = user, password = "demo" })).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
