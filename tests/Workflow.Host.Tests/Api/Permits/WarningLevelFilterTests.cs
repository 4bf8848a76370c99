using System.Net;
using System.Text.RegularExpressions;
using NodaTime;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// <c>level=Warning</c> on the open-step lists (issue #13, "filterable by level"): the steps in warning and not yet
/// overdue, read in SQL from the open step row's stored warning instant, agree with the level each row shows (worked out
/// from the step's clocks in C#, another path). Three ZJJ-003 reviews (promised limit 2 working days, counted from the
/// next working day; warning from 1 day left): accepted Friday 2025-09-26 (counted Sunday 28th, a make-up working day, and
/// Monday 29th: overdue), Monday 29th (Tuesday 30th counted, one day left over the National Day holiday: warning) and
/// Wednesday 1 October, a holiday (nothing counted yet: normal); read on 1 October.
/// </summary>
public sealed class WarningLevelFilterTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Warning_keeps_the_steps_in_warning_on_the_inbox_and_supervision_in_the_API_and_on_the_pages()
    {
        async Task<string> AcceptAsync()
        {
            // Signed in anew each time: a token does not outlive the days the clock is moved on.
            using var agent = await host.AsUserAsync("agent1");
            using var frontdesk = await host.AsUserAsync("frontdesk");
            using var admin = await host.AsUserAsync("admin");
            var filed = await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
            await frontdesk.ActAsync((await admin.OpenStepAsync(filed.Id(), "frontdesk")).Id(), new { outcome = "Accepted" });
            return (await admin.OpenStepAsync(filed.Id(), "zjj")).Id();
        }
        var overdue = await AcceptAsync();
        host.Clock.Advance(Duration.FromDays(3));
        var warning = await AcceptAsync();
        host.Clock.Advance(Duration.FromDays(2));
        var normal = await AcceptAsync();

        using var page = await host.SignedInClientAsync("reviewer-zjj");
        static Dictionary<string, string> Levels(string html) => Regex.Matches(html, "<tr data-step=\"([^\"]+)\" class=\"level-row-([a-z]+)\"")
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var shown = Levels(await page.GetStringAsync("/inbox"));
        (shown[overdue], shown[warning], shown[normal]).Should().Be(("overdue", "warning", "normal"), "the set-up gives one step of each level");

        var warnings = Levels(await page.GetStringAsync("/inbox?level=Warning"));
        warnings.Keys.Should().BeEquivalentTo(shown.Where(s => s.Value == "warning").Select(s => s.Key)).And.Contain(warning);
        Levels(await page.GetStringAsync("/inbox?level=Overdue")).Keys.Should().Contain(overdue).And.NotContain([warning, normal]);
        var english = await page.GetStringAsync("/inbox?level=Warning&culture=en");
        english.Should().Contain("<option value=\"Warning\" selected=\"selected\">Warning (not yet overdue)</option>").And.Contain("<select id=\"state\" name=\"state\">");

        using var reviewer = await host.AsUserAsync("reviewer-zjj");
        var api = await reviewer.GetJsonAsync("/api/inbox?level=warning");
        api.GetProperty("items").EnumerateArray().Select(i => i.Id()).Should().BeEquivalentTo(warnings.Keys);

        using var supervisor = await host.AsUserAsync("supervisor");
        var attention = (await supervisor.GetJsonAsync("/api/supervision/open?department=zjj&level=Warning")).GetProperty("attention");
        attention.GetProperty("items").EnumerateArray().Select(i => i.Text("id")).Should().Contain(warning).And.NotContain([overdue, normal]);

        var handled = await (await reviewer.GetAsync("/api/inbox/handled?level=Warning")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        handled.GetProperty("errors").GetProperty("level")[0].GetString().Should().Be("已办列表只能按超期筛选（level=Overdue）");
        (await page.GetAsync("/inbox?view=handled&level=Warning")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var cases = await (await supervisor.GetAsync("/api/cases?level=Warning")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        cases.GetProperty("errors").GetProperty("level")[0].GetString().Should().Be("level 须为以下之一：Overdue", "a case keeps no warning instant");
    }
}
