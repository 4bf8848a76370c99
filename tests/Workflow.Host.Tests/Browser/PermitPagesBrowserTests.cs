using Microsoft.Playwright;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// One application from the agent's form to a reviewer's opinion, through the pages only: agent1 registers a project
/// and applies for completion acceptance (stage 4), the front desk accepts it, the 人防 reviewer gives the joint
/// opinion, and agent1 sees the progress on the grid and the timeline. Saves the README's screenshots
/// (1280 wide; see <see cref="Screenshots"/> for where) on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PermitPagesBrowserTests(BrowserFixture browser)
{
    private static readonly string Images = Screenshots.Folder;

    [ChromiumFact]
    public async Task An_application_goes_from_the_agent_through_intake_and_review_and_the_agent_sees_the_progress()
    {
        var projectName = "滨江示范学校竣工验收项目";
        var code = "2026-310115-BR-" + Guid.NewGuid().ToString("N")[..6];

        // The agent registers the project (with the approvals obtained earlier that stage 4 needs) and applies.
        var agent = await NewPageAsync();
        await browser.SignInAsync(agent, Roles.Agent);
        new Uri(agent.Url).AbsolutePath.Should().Be("/projects");
        await agent.FillAsync("#code", code);
        await agent.FillAsync("#name", projectName);
        await agent.FillAsync("#enterprise", "滨江城建投资有限公司");
        await agent.ClickAsync("#create-project summary");
        foreach (var prior in new[] { "ZRZY-003", "QX-001", "ZJJ-001" })
            await agent.CheckAsync($"input[name='Form.PriorApprovals'][value='{prior}']");
        await agent.ClickAsync("#create");
        await BrowserFixture.WaitForDocumentAsync(agent, url => new Uri(url).AbsolutePath.StartsWith("/projects/P", StringComparison.Ordinal));
        var projectPath = new Uri(agent.Url).AbsolutePath;
        (await agent.TextContentAsync("h1")).Should().Contain(projectName);
        (await agent.GetAttributeAsync("td[data-matter='RF-002']", "data-state")).Should().Be("NotApplied");

        await agent.ClickAsync($"a[href='{projectPath}/apply/4']");
        await agent.WaitForSelectorAsync("#materials");
        (await agent.Locator("#materials tbody tr").CountAsync()).Should().BeGreaterThan(5, "the checklist lists the stage's materials");
        await ShotAsync(agent, "apply");
        await agent.ClickAsync("#apply");
        await BrowserFixture.WaitForDocumentAsync(agent, url => new Uri(url).AbsolutePath.StartsWith("/cases/C", StringComparison.Ordinal));
        var casePath = new Uri(agent.Url).AbsolutePath;
        (await agent.TextContentAsync("#case-state")).Should().Be("待受理");

        // The front desk accepts it at the window.
        var frontDesk = await NewPageAsync();
        await browser.SignInAsync(frontDesk, Roles.FrontDesk);
        new Uri(frontDesk.Url).AbsolutePath.Should().Be("/intake");
        await ShotAsync(frontDesk, "intake");
        await frontDesk.Locator("#intake tr", new() { HasTextString = projectName }).Locator("a.step-link").ClickAsync();
        await frontDesk.WaitForSelectorAsync("#action");
        await ShotAsync(frontDesk, "intake-form");
        await frontDesk.CheckAsync("#outcome-Accepted");
        await frontDesk.ClickAsync("#submit");
        await BrowserFixture.WaitForDocumentAsync(frontDesk, url => url.Contains("done=1"));
        (await frontDesk.TextContentAsync("#step-state")).Should().Be("已办");

        // The 人防 reviewer finds the joint-acceptance opinion in the inbox and agrees.
        var reviewer = await NewPageAsync();
        await browser.SignInAsync(reviewer, "reviewer-rf");
        new Uri(reviewer.Url).AbsolutePath.Should().Be("/inbox");
        var row = reviewer.Locator("#inbox tr", new() { HasTextString = projectName });
        (await row.CountAsync()).Should().Be(1);
        (await row.TextContentAsync()).Should().Contain("还剩").And.Contain("个工作日");
        await ShotAsync(reviewer, "inbox");
        await row.Locator("a.step-link").ClickAsync();
        await reviewer.WaitForSelectorAsync("#action");
        await reviewer.CheckAsync("#outcome-Agree");
        await reviewer.FillAsync("#opinion", "人防工程竣工验收资料齐全，同意通过。");
        await ShotAsync(reviewer, "step-action");
        await reviewer.ClickAsync("#submit");
        await BrowserFixture.WaitForDocumentAsync(reviewer, url => url.Contains("done=1"));
        (await reviewer.TextContentAsync("#outcome")).Should().Contain("同意");

        // Back as the agent: the grid and the timeline show the progress.
        await BrowserFixture.GoAsync(agent, browser.Server.BaseUrl + projectPath);
        var cell = agent.Locator("td[data-matter='RF-002']");
        (await cell.GetAttributeAsync("data-state")).Should().BeOneOf("OnTime", "Warning", "Overdue");
        (await cell.TextContentAsync()).Should().Contain("本事项意见：同意").And.Contain("法定时限：还剩");
        (await agent.Locator("td[data-matter='ZJJ-004']").TextContentAsync()).Should().Contain("住房城乡建设", "the lead department holds the consolidation");
        await ShotAsync(agent, "project-tracker");
        await BrowserFixture.GoAsync(agent, browser.Server.BaseUrl + casePath);
        (await agent.TextContentAsync("#case-state")).Should().Be("审批中");
        (await agent.TextContentAsync("#timeline")).Should().Contain("人防工程竣工验收资料齐全，同意通过。");
        (await agent.Locator("#steps tr[data-state='Completed']").CountAsync()).Should().Be(2, "intake and the 人防 opinion are done");
        await ShotAsync(agent, "case");

        // The supervisor's overview counts the open steps by department.
        var supervisor = await NewPageAsync();
        await browser.SignInAsync(supervisor, Roles.Supervisor);
        new Uri(supervisor.Url).AbsolutePath.Should().Be("/supervision");
        (await supervisor.Locator("#departments tr[data-department='zjj']").CountAsync()).Should().Be(1);
        await ShotAsync(supervisor, "supervision");
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        return page;
    }

    private static Task ShotAsync(IPage page, string name) => PageShots.SaveAsync(page, name);
}
