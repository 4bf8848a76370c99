using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Workflow.Testing;
using Xunit.Abstractions;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// What a designer sees when the server refuses a change with 409 (docs/studio.md "Safe changes"). The Studio's
/// handlers call the API without catching its errors (elsa-studio's <c>WorkflowDefinitionList.razor.cs</c>,
/// <c>OnDeleteClicked</c>; Refit throws <c>ApiException</c> on any non-2xx), which alone shows only Blazor's generic
/// "An unhandled error has occurred" banner; the host page lists the refusal's reasons instead.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioRefusalBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string StageFour = "stage-4-completion-acceptance";

    [ChromiumFact]
    public async Task Deleting_or_unpublishing_a_bound_stage_workflow_in_the_studio_shows_why_it_was_refused_instead_of_the_crash_banner()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var log = new StudioRequestLog(page);
        await browser.SignInAsync(page, Roles.Designer, "/studio");
        await page.WaitForSelectorAsync("elsa-workflow-definition-list .definitions-table");
        await page.WaitForFunctionAsync("() => !document.querySelector('elsa-workflow-definition-list').innerText.includes('Loading...')");

        foreach (var (action, call) in new[] { ("Delete", $"DELETE /elsa/api/workflow-definitions/{StageFour} → 409"), ("Unpublish", $"POST /elsa/api/workflow-definitions/{StageFour}/retract → 409") })
        {
            var row = page.Locator("elsa-workflow-definition-list tr", new() { HasTextString = StageFour }).First;
            await row.Locator("button.mud-menu-icon-button-activator").ClickAsync();
            await page.Locator(".mud-popover-open .mud-menu-item", new() { HasTextString = action }).First.ClickAsync();
            var dialog = page.Locator(".mud-dialog").Last;
            if (await dialog.IsVisibleAsync())
                await dialog.Locator("button").Last.ClickAsync(); // the confirmation's yes (Delete / Unpublish)
            var refusal = page.Locator("#studio-refusal");
            await refusal.WaitForAsync(new() { State = WaitForSelectorState.Visible });
            await page.WaitForTimeoutAsync(1_500); // the banner, if any, appears right after the answer
            foreach (var line in log.Lines) output.WriteLine(line);

            log.Lines.Should().Contain(call);
            var text = await refusal.InnerTextAsync();
            output.WriteLine(text);
            text.Should().Contain("仍被使用").And.Contain("Still in use");
            text.Should().Contain($"「{StageFour}」").And.Contain("目录绑定").And.Contain("catalogue binding(s)", "the binding that depends on it is named");
            text.Should().Contain("未做任何更改", "the page speaks Chinese first").And.NotContain("。。");
            (await page.IsVisibleAsync("#blazor-error-ui")).Should().BeFalse("the refusal is explained, not shown as a crash");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, $"studio-refused-{action.ToLowerInvariant()}.png") });
            await refusal.Locator("button.dismiss").ClickAsync();
        }

        using var api = new HttpClient { BaseAddress = new Uri(browser.Server.BaseUrl) };
        var token = JsonNode.Parse(await (await api.PostAsJsonAsync("/api/auth/token", new { username = Roles.Designer, password = "demo" })).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var stored = JsonNode.Parse(await api.GetStringAsync($"/elsa/api/workflow-definitions/by-definition-id/{StageFour}?versionOptions=Published"))!;
        stored["isPublished"]!.GetValue<bool>().Should().BeTrue("neither refused change happened");
    }
}
