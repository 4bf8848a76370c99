using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// Issue #13 in Chromium, in Chinese and in English: the front desk pages and searches an intake queue of 300
/// applications by case number; a reviewer finds the step they decided under 已办; in a joint review the lead cannot
/// consolidate before the opinions are in, and after a disagreement only 不通过 is offered. The applications are seeded
/// through the API, not the browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ListsAndJointReviewBrowserTests(BrowserFixture browser)
{
    private static readonly string[] Languages = ["zh-CN", "en"];

    [ChromiumFact]
    public async Task A_front_desk_pages_and_searches_300_applications_by_case_number_in_both_languages()
    {
        await using var server = await HostServer.StartAsync();
        using var agent = await DemoSignIn.ClientAsync(server, "agent1");
        // 75 projects × the four stages: one open case per project and stage.
        var numbers = new List<string>();
        var projects = new List<string>();
        for (var i = 0; i < 75; i++) projects.Add(await agent.CreateProjectAsync(name: $"分页测试项目 {i:000}"));
        foreach (var stage in Enum.GetValues<Stage>())
            foreach (var project in projects)
                numbers.Add((await agent.ApplyAsync(project, stage)).Text("caseNumber"));
        numbers.Should().HaveCount(300).And.OnlyHaveUniqueItems();

        var frontdesk = await DemoSignIn.SignedInPageAsync(browser, server, "frontdesk");
        foreach (var language in Languages)
        {
            await BrowserFixture.GoAsync(frontdesk, $"{server.BaseUrl}/intake?culture={language}");
            int.Parse((await frontdesk.TextContentAsync("#total"))!).Should().BeGreaterThanOrEqualTo(300, "every application waits at the window");
            (await frontdesk.Locator("#intake tbody tr").CountAsync()).Should().Be(50, "the queue is paged, 50 a page");
            (await frontdesk.TextContentAsync("#pager"))!.Should().Contain(language == "en" ? "page 1 of" : "第 1 /");

            await frontdesk.ClickAsync("#next-page");
            await BrowserFixture.WaitForDocumentAsync(frontdesk, url => url.Contains("page=2"));
            (await frontdesk.TextContentAsync("#pager"))!.Should().Contain(language == "en" ? "page 2 of" : "第 2 /");
            (await frontdesk.Locator("#intake tbody tr").CountAsync()).Should().Be(50);

            var wanted = numbers[language == "en" ? 123 : 234];
            await frontdesk.FillAsync("#search", wanted);
            await frontdesk.ClickAsync("#list-filter button[type='submit']");
            await BrowserFixture.WaitForDocumentAsync(frontdesk, url => url.Contains("search="));
            var rows = frontdesk.Locator("#intake tbody tr");
            (await rows.CountAsync()).Should().Be(1, "a case number names one application");
            (await rows.Locator(".case-number").TextContentAsync())!.Trim().Should().Be(wanted);
            (await frontdesk.TextContentAsync("#total"))!.Trim().Should().Be("1");
            (await frontdesk.TextContentAsync("h1"))!.Should().Contain(language == "en" ? "Intake window" : "一窗受理");
        }
    }

    [ChromiumFact]
    public async Task A_reviewer_finds_the_step_they_decided_under_handled_in_both_languages()
    {
        await using var server = await HostServer.StartAsync();
        using var agent = await DemoSignIn.ClientAsync(server, "agent1");
        using var admin = await DemoSignIn.ClientAsync(server, "admin");
        using var frontdesk = await DemoSignIn.ClientAsync(server, "frontdesk");
        using var zjj = await DemoSignIn.ClientAsync(server, "reviewer-zjj");
        var file = await agent.ApplyAsync(await agent.CreateProjectAsync(name: "已办查找测试项目"), Stage.ConstructionPermit, ["ZJJ-003"]);
        await frontdesk.ActAsync((await admin.OpenStepAsync(file.Id(), "frontdesk")).Id(), new { outcome = "Accepted" });
        var step = (await admin.OpenStepAsync(file.Id(), "zjj")).Id();
        await zjj.ActAsync(step, new { outcome = "Approved", opinion = "材料齐全，同意。" });

        var reviewer = await DemoSignIn.SignedInPageAsync(browser, server, "reviewer-zjj");
        foreach (var language in Languages)
        {
            await BrowserFixture.GoAsync(reviewer, $"{server.BaseUrl}/inbox?culture={language}");
            (await reviewer.Locator($"#inbox tr[data-step='{step}']").CountAsync()).Should().Be(0, "a decided step leaves the open list");
            await reviewer.ClickAsync("#tab-handled");
            await reviewer.WaitForSelectorAsync("#handled");
            await reviewer.FillAsync("#search", file.Text("caseNumber"));
            await reviewer.ClickAsync("#list-filter button[type='submit']");
            await BrowserFixture.WaitForDocumentAsync(reviewer, url => url.Contains("search="));
            var row = reviewer.Locator($"#handled tr[data-step='{step}']");
            (await row.CountAsync()).Should().Be(1, "the reviewer finds the step they decided");
            (await row.Locator(".outcome").TextContentAsync())!.Trim().Should().Be(language == "en" ? "Approved" : "同意");
            (await row.TextContentAsync())!.Should().Contain("reviewer-zjj").And.Contain(file.Text("caseNumber"));
        }
    }

    [ChromiumFact]
    public async Task In_a_joint_review_the_lead_cannot_consolidate_early_and_after_a_disagreement_only_failed_is_offered()
    {
        await using var server = await HostServer.StartAsync();
        using var agent = await DemoSignIn.ClientAsync(server, "agent1");
        using var admin = await DemoSignIn.ClientAsync(server, "admin");
        using var frontdesk = await DemoSignIn.ClientAsync(server, "frontdesk");
        var file = await agent.ApplyAsync(await agent.CreateProjectAsync(name: "联合验收测试项目"), Stage.CompletionAcceptance);
        await frontdesk.ActAsync((await admin.OpenStepAsync(file.Id(), "frontdesk")).Id(), new { outcome = "Accepted" });
        var consolidation = (await admin.OpenStepAsync(file.Id(), "zjj", "JointConsolidation")).Id();

        var lead = await DemoSignIn.SignedInPageAsync(browser, server, "reviewer-zjj");
        foreach (var language in Languages)
        {
            await BrowserFixture.GoAsync(lead, $"{server.BaseUrl}/steps/{consolidation}?culture={language}");
            (await lead.TextContentAsync("#waiting-opinions"))!.Should().Contain(language == "en" ? "Still to give one" : "尚未提出意见");
            (await lead.Locator("form#action").CountAsync()).Should().Be(0, "no consolidation form before the opinions are in");
        }

        var opinions = (await admin.GetJsonAsync($"/api/cases/{file.Id()}")).GetProperty("openSteps").EnumerateArray()
            .Where(s => s.Text("kind") == "JointOpinion").Select(s => (Id: s.Id(), Department: s.Text("department"))).ToList();
        opinions.Should().HaveCountGreaterThan(1);
        foreach (var (id, department) in opinions)
        {
            using var reviewer = await DemoSignIn.ClientAsync(server, "reviewer-" + department);
            await reviewer.ActAsync(id, department == opinions[0].Department
                ? new { outcome = "Disagree", opinion = "消防设施检测不合格。" }
                : new { outcome = "Agree", opinion = "同意。" });
        }

        foreach (var language in Languages)
        {
            await BrowserFixture.GoAsync(lead, $"{server.BaseUrl}/steps/{consolidation}?culture={language}");
            await lead.WaitForSelectorAsync("form#action");
            var offered = await lead.Locator("form#action input[name='Outcome']").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
            offered.Should().Equal(["Failed"], "a disagreement offers only 不通过");
            (await lead.TextContentAsync("form#action .outcomes"))!.Should().Contain(language == "en" ? "Failed" : "不通过");
        }
    }
}
