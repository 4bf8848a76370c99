using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task An_agent_signs_in_through_the_chinese_page_and_lands_on_the_project_tracker()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } });
        var page = await context.NewPageAsync();
        await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/signin");
        (await page.TextContentAsync("h1")).Should().Be("登录");
        var images = Screenshots.Folder;
        Directory.CreateDirectory(images);
        await page.ScreenshotAsync(new() { Path = Path.Combine(images, "signin.png") });

        await browser.SignInAsync(page, Roles.Agent);

        new Uri(page.Url).AbsolutePath.Should().Be("/projects", "home sends each role to its page");
        (await page.TextContentAsync("h1")).Should().Be("我的项目");
        (await page.TextContentAsync(".bar .user")).Should().Contain("Agent 1");
        (await page.Locator("a[href='/studio']").CountAsync()).Should().Be(0, "agents have no Studio link");
    }

    [ChromiumFact]
    public async Task A_wrong_password_keeps_the_user_on_the_sign_in_page_with_a_message()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/signin?culture=en");
        await page.FillAsync("#username", Roles.Designer);
        await page.FillAsync("#password", "wrong");
        await page.ClickAsync("#signin");
        await page.WaitForSelectorAsync(".error");
        (await page.TextContentAsync(".error")).Should().Be("Wrong user name or password.");
    }
}
