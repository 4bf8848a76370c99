using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Pages;

/// <summary>
/// The tracker and label defects issue #13 found, each shown on the pages as the agent sees them, in both languages: a
/// public notice (公示) is shown as the special procedure it is with its planned end (item 7), an overdue clock says 超期
/// once, a cancelled step says 已取消 once, a finished matter shows no time left (item 9).
/// </summary>
public sealed class CaseLabelTests(CaseLabelTests.ThreeCases host) : IClassFixture<CaseLabelTests.ThreeCases>
{
    /// <summary>
    /// agent1's three cases: a ZJJ-003 review accepted and left 60 days (overdue); then a stage-2 case whose six reviews
    /// all approve, so the workflow goes on to its 批前公示 (a special procedure of fixed length); and a stage-2 case whose
    /// second review rejects, which cancels the four still open.
    /// </summary>
    public sealed class ThreeCases : HostFactory, IAsyncLifetime
    {
        public string Overdue { get; private set; } = "";
        public string Notice { get; private set; } = "";
        public string NoticeProject { get; private set; } = "";
        public string Rejected { get; private set; } = "";
        public string RejectedProject { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Overdue = await AcceptedAsync(Stage.ConstructionPermit, ["ZJJ-003"]);
            Clock.Advance(Duration.FromDays(60));

            Notice = await AcceptedAsync(Stage.EngineeringConstructionPermit);
            using var admin = await AsUserAsync("admin");
            for (var round = 0; round < 3; round++)
                foreach (var step in (await admin.GetJsonAsync($"/api/cases/{Notice}")).GetProperty("openSteps").EnumerateArray().ToList())
                    await ActAsAsync(step, new { outcome = "Approved" });
            NoticeProject = (await admin.GetJsonAsync($"/api/cases/{Notice}")).Text("projectId");

            Rejected = await AcceptedAsync(Stage.EngineeringConstructionPermit);
            var reviews = (await admin.GetJsonAsync($"/api/cases/{Rejected}")).GetProperty("openSteps").EnumerateArray().ToList();
            await ActAsAsync(reviews[0], new { outcome = "Approved" });
            await ActAsAsync(reviews[1], new { outcome = "Rejected", opinion = "人防工程设计不符合规范" });
            RejectedProject = (await admin.GetJsonAsync($"/api/cases/{Rejected}")).Text("projectId");
        }

        private async Task<string> AcceptedAsync(Stage stage, string[]? matters = null)
        {
            using var agent = await AsUserAsync("agent1");
            using var frontdesk = await AsUserAsync("frontdesk");
            using var admin = await AsUserAsync("admin");
            var id = (await agent.ApplyAsync(await agent.CreateProjectAsync(), stage, matters)).Id();
            await frontdesk.ActAsync((await admin.OpenStepAsync(id, "frontdesk")).Id(), new { outcome = "Accepted" });
            return id;
        }

        private async Task ActAsAsync(JsonElement step, object body)
        {
            using var reviewer = await AsUserAsync("reviewer-" + step.Text("department"));
            await reviewer.ActAsync(step.Id(), body);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task A_public_notice_is_shown_to_the_agent_as_a_special_procedure_with_its_planned_end()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        var zh = await agent.GetStringAsync($"/cases/{host.Notice}");
        var row = Regex.Match(zh, "<tr data-step=\"special-procedure\" data-state=\"Open\" id=\"special-procedure\">(.*?)</tr>", RegexOptions.Singleline);
        row.Success.Should().BeTrue("the 公示 is what is open now, though no department holds a step");
        row.Groups[1].Value.Should().Contain("特别程序：公示").And.Contain("计划结束 ").And.NotContain("补正");
        zh.Should().Contain("data-procedure=\"PublicNotice\"").And.NotContain("等待补正");
        var tracker = await agent.GetStringAsync($"/projects/{host.NoticeProject}");
        tracker.Should().Contain("特别程序：公示（不计入办理时限）").And.Contain("计划结束 ");

        var en = await agent.GetStringAsync($"/cases/{host.Notice}?culture=en");
        Regex.Match(en, "id=\"special-procedure\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value
            .Should().Contain("Special procedure: public notice").And.Contain("planned end ");
        (await agent.GetStringAsync($"/projects/{host.NoticeProject}?culture=en")).Should().Contain("Special procedure: public notice (not counted)");
    }

    [Fact]
    public async Task An_overdue_clock_says_overdue_once_in_both_languages()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        var zh = await agent.GetStringAsync($"/cases/{host.Overdue}");
        zh.Should().MatchRegex(@"<strong>法定时限</strong> 超期 \d+\.\d 个工作日").And.NotMatchRegex("超期</span>\\s*<strong>").And.NotContain("超期 超期");
        var en = await agent.GetStringAsync($"/cases/{host.Overdue}?culture=en");
        en.Should().MatchRegex(@"<strong>Statutory</strong> overdue by \d+\.\d working days").And.NotMatchRegex("Overdue</span>\\s*<strong>");
    }

    [Fact]
    public async Task A_cancelled_step_says_cancelled_once_and_a_finished_matter_shows_no_time_left()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        var zh = await agent.GetStringAsync($"/cases/{host.Rejected}");
        var cancelled = Regex.Matches(zh, "<tr data-step=\"[^\"]+\" data-state=\"Cancelled\">(.*?)</tr>", RegexOptions.Singleline);
        cancelled.Should().HaveCount(4, "the rejection cancelled the four reviews still open");
        foreach (Match step in cancelled)
        {
            Regex.Matches(step.Groups[1].Value, "已取消").Should().HaveCount(1);
        }
        var en = await agent.GetStringAsync($"/cases/{host.Rejected}?culture=en");
        foreach (Match step in Regex.Matches(en, "data-state=\"Cancelled\">(.*?)</tr>", RegexOptions.Singleline))
            Regex.Matches(step.Groups[1].Value, "Cancelled").Should().HaveCount(1);

        var tracker = await agent.GetStringAsync($"/projects/{host.RejectedProject}");
        var cells = Regex.Matches(tracker, "<td class=\"cell cell-rejected\"[^>]*>(.*?)</td>", RegexOptions.Singleline);
        cells.Should().NotBeEmpty("the rejected case's matters are shown as rejected");
        cells.Should().OnlyContain(c => !c.Groups[1].Value.Contains("还剩") && !c.Groups[1].Value.Contains("超期"), "a finished matter shows its outcome, not its time");
        (await agent.GetStringAsync($"/projects/{host.RejectedProject}?culture=en")).Should().NotContain("working days left");
    }
}
