using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Testing;
using Xunit.Abstractions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// A publish the permit rules refuse, in the real Studio (docs/studio.md "Validation in the Studio"): the findings name
/// the activity by its display name and id, in Chinese and English, and no error banner appears.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioValidationBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string PublishButton = ".mud-button-group-root button:has(svg path[d^='M19.35 10.04'])";

    [ChromiumFact]
    public async Task Publishing_a_flow_with_a_prerequisite_cycle_shows_the_findings_with_display_names_and_keeps_the_draft()
    {
        // ZRZY-003 needs ZRZY-002 (sample catalogue): reviewing ZRZY-002 after ZRZY-003 can never work (互为前置).
        var id = "cycle-drawn-" + Guid.NewGuid().ToString("N")[..6];
        JsonObject Review(string reviewId, string name, string matter, int x) => new()
        {
            ["id"] = reviewId, ["type"] = "Permits.DepartmentReview", ["version"] = 1, ["name"] = reviewId,
            ["department"] = Literal("zrzy"), ["matter"] = Literal(matter),
            ["metadata"] = new JsonObject { ["displayText"] = name, ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = 150 } } },
        };
        var model = new JsonObject
        {
            ["definitionId"] = id, ["name"] = "前置循环示例",
            ["root"] = new JsonObject
            {
                ["id"] = "root1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = new JsonArray
                {
                    new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1, ["metadata"] = Position(40) },
                    Review("r1", "规划审查", "ZRZY-003", 220), Review("r2", "用地审查", "ZRZY-002", 520),
                    new JsonObject { ["id"] = "end", ["type"] = "Elsa.End", ["version"] = 1, ["metadata"] = Position(820) },
                },
                ["connections"] = new JsonArray
                {
                    Connect("start", "Done", "r1"), Connect("r1", "Approved", "r2"), Connect("r1", "ApprovedWithConditions", "end"), Connect("r1", "Rejected", "end"),
                    Connect("r2", "Approved", "end"), Connect("r2", "ApprovedWithConditions", "end"), Connect("r2", "Rejected", "end"),
                },
            },
        };
        using var api = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        var token = JsonNode.Parse(await (await api.PostAsJsonAsync("/api/auth/token", new { username = Roles.Designer, password = "demo" })).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = false })).EnsureSuccessStatusCode();

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await browser.SignInAsync(page, Roles.Designer, $"/studio/definitions/{id}");
        await page.WaitForSelectorAsync("elsa-workflow-definition-editor .x6-node");
        await page.WaitForTimeoutAsync(2_000);

        var refused = await page.RunAndWaitForResponseAsync(() => page.Locator(PublishButton).ClickAsync(),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/elsa/api/workflow-definitions" && r.Request.PostData!.Contains("\"publish\":true"));
        refused.Status.Should().Be(400);
        var findings = page.Locator("#studio-findings");
        await findings.WaitForAsync();
        await page.WaitForTimeoutAsync(1_500);
        var text = await findings.InnerTextAsync();
        output.WriteLine(text);
        text.Should().Contain("错误：活动「规划审查」(r1)").And.Contain("互为前置").And.Contain("error: activity \"规划审查\" (r1)");
        string.Join("\n", await page.Locator(".mud-snackbar").AllInnerTextsAsync()).Should().Contain("活动「规划审查」(r1)", "the Studio itself lists the texts under errors");
        (await page.IsVisibleAsync("#blazor-error-ui")).Should().BeFalse("a refused publish is a finding, not a crash");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "studio-findings.png") });

        var stored = JsonNode.Parse(await api.GetStringAsync($"/elsa/api/workflow-definitions/by-definition-id/{id}"))!;
        stored["isPublished"]!.GetValue<bool>().Should().BeFalse("the draft is kept, the publish refused");
    }

    private static JsonObject Literal(string value) => new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Position(int x) => new() { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = 150 } } };

    private static JsonObject Connect(string from, string port, string to) => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
    };
}
