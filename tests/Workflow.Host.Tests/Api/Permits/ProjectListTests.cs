using System.Net;
using System.Text.Json;
using NodaTime;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// The project list as the other lists (issue #13, "Lists that scale"; docs/api.md, *Lists*): <c>GET /api/projects</c>
/// and <c>/projects</c> are paged, searched, filtered (the project's green channel and registration date, its current
/// case's state, stage and departments) and sorted on the server; bad parameters are 400 naming them in the caller's language; an
/// agent sees their own projects only. The query's semantics on both providers: Definitions.Tests' ProjectListTests.
/// Each test registers four projects on a day nobody else uses.
/// </summary>
public sealed class ProjectListTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Day = "from=2026-09-07&to=2026-09-07";
    private const string PageDay = "from=2026-09-08&to=2026-09-08";

    /// <summary>Four projects registered from 10:00 in Shanghai on <paramref name="day"/> September 2026 (each test its own day).</summary>
    private async Task<(string Key, string Applied, string Plain, string Theirs, string CaseNumber)> RegisterAsync(int day)
    {
        host.Clock.Set(Instant.FromUtc(2026, 9, day, 2, 0));
        using var agent = await host.AsUserAsync(Roles.Agent);
        using var agent2 = await host.AsUserAsync("agent2");
        var key = await agent.CreateProjectAsync(greenChannel: true, name: "列表项目 甲");
        host.Clock.Advance(Duration.FromMinutes(1));
        var applied = await agent.CreateProjectAsync(name: "列表项目 乙");
        var filed = await agent.ApplyAsync(applied, Stage.EngineeringConstructionPermit, PermitApiDriver.FiveOfStageTwo);
        using (var admin = await host.AsUserAsync(Roles.Admin))
        using (var frontdesk = await host.AsUserAsync(Roles.FrontDesk))
            await frontdesk.ActAsync((await admin.OpenStepAsync(filed.Id(), "frontdesk")).Id(), new { outcome = "Accepted" });
        var caseNumber = filed.Text("caseNumber");
        host.Clock.Advance(Duration.FromMinutes(1));
        var plain = await agent.CreateProjectAsync(name: "列表项目 丙");
        host.Clock.Advance(Duration.FromMinutes(1));
        var theirs = await agent2.CreateProjectAsync(name: "列表项目 丁");
        return (key, applied, plain, theirs, caseNumber);
    }

    private static async Task<(string[] Ids, int Total, JsonElement Page)> ListAsync(HttpClient client, string query)
    {
        var page = await client.GetJsonAsync("/api/projects?" + query);
        return (page.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToArray(), page.GetProperty("totalCount").GetInt32(), page);
    }

    [Fact]
    public async Task The_project_list_is_paged_searched_filtered_and_sorted_on_the_server()
    {
        var (key, applied, plain, theirs, caseNumber) = await RegisterAsync(7);
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        using var agent = await host.AsUserAsync(Roles.Agent);
        using var agent2 = await host.AsUserAsync("agent2");

        var all = await ListAsync(supervisor, Day);
        all.Ids.Should().Equal([theirs, plain, applied, key], "newest registered first by default");
        var second = await ListAsync(supervisor, $"{Day}&pageSize=3&page=2");
        second.Ids.Should().Equal(key);
        (second.Total, second.Page.GetProperty("page").GetInt32(), second.Page.GetProperty("pageSize").GetInt32()).Should().Be((4, 2, 3));
        (await ListAsync(supervisor, $"{Day}&sort=oldest")).Ids.Should().Equal(key, applied, plain, theirs);
        (await ListAsync(supervisor, $"{Day}&sort=due")).Ids.Should().Equal([key, applied, theirs, plain],
            "the key project first, then the one with an open case, then the newest");

        (await ListAsync(supervisor, $"{Day}&greenChannel=true")).Ids.Should().Equal(key);
        (await ListAsync(supervisor, $"{Day}&state=InReview")).Ids.Should().Equal([applied], "the current case's state");
        (await ListAsync(supervisor, $"{Day}&state=inreview")).Ids.Should().Equal([applied], "state names are read case-insensitively, as on the other lists");
        (await ListAsync(supervisor, $"{Day}&stage=EngineeringConstructionPermit")).Ids.Should().Equal(applied);
        (await ListAsync(supervisor, $"{Day}&department=rf")).Ids.Should().Equal([applied], "a step of the current case in rf");
        (await ListAsync(supervisor, $"{Day}&department=zjj")).Total.Should().Be(0);
        (await ListAsync(supervisor, "search=" + Uri.EscapeDataString(caseNumber))).Ids.Should().Equal([applied], "a case's number finds its project");
        (await ListAsync(supervisor, $"{Day}&search=" + Uri.EscapeDataString("列表项目 丁"))).Ids.Should().Equal(theirs);
        (await ListAsync(supervisor, "from=2026-09-06&to=2026-09-06")).Total.Should().Be(0);

        (await ListAsync(agent, Day)).Ids.Should().Equal(plain, applied, key);
        (await ListAsync(agent2, Day)).Ids.Should().Equal([theirs], "an agent sees their own projects only");
        (await ListAsync(agent2, "search=" + Uri.EscapeDataString(caseNumber))).Total.Should().Be(0, "another agent's case number finds nothing");
        (await ListAsync(agent2, $"{Day}&state=InReview")).Total.Should().Be(0);
    }

    [Theory]
    [InlineData("state=Lost", "state")]
    [InlineData("stage=Demolition", "stage")]
    [InlineData("department=nobody", "department")]
    [InlineData("level=Warning", "level")]
    [InlineData("greenChannel=maybe", "greenChannel")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("sort=sideways", "sort")]
    [InlineData("pageSize=0", "pageSize")]
    public async Task A_bad_list_parameter_is_400_naming_it_in_the_callers_language(string query, string parameter)
    {
        using var agent = await host.AsUserAsync(Roles.Agent);
        var zh = await (await agent.GetAsync("/api/projects?" + query)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        zh.Text("title").Should().Be("列表参数无效。");
        zh.GetProperty("errors").GetProperty(parameter)[0].GetString().Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects?" + query);
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await agent.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        en.Text("title").Should().Be("The list parameters are not valid.");
        en.GetProperty("errors").GetProperty(parameter)[0].GetString().Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
    }

    [Fact]
    public async Task The_projects_page_filters_sorts_and_pages_in_both_languages()
    {
        var (key, applied, plain, theirs, _) = await RegisterAsync(8);
        using var pages = await host.SignedInClientAsync(Roles.Supervisor);
        static string Row(string id) => $"data-project=\"{id}\"";

        var first = await pages.GetStringAsync($"/projects?{PageDay}&pageSize=2");
        first.Should().Contain(Row(theirs)).And.Contain(Row(plain)).And.NotContain(Row(applied)).And.Contain("id=\"next-page\"")
            .And.Contain("<label for=\"state\">当前办件状态</label>").And.Contain("<label for=\"department\">部门</label>");
        var second = await pages.GetStringAsync($"/projects?{PageDay}&pageSize=2&page=2");
        second.Should().Contain(Row(applied)).And.Contain(Row(key)).And.NotContain(Row(theirs));
        (await pages.GetStringAsync($"/projects?{PageDay}&sort=oldest&pageSize=1")).Should().Contain(Row(key)).And.NotContain(Row(theirs));
        var inReview = await pages.GetStringAsync($"/projects?{PageDay}&state=InReview");
        inReview.Should().Contain(Row(applied)).And.NotContain(Row(key)).And.NotContain(Row(plain)).And.Contain("<option value=\"InReview\" selected=\"selected\">");
        (await pages.GetStringAsync($"/projects?{PageDay}&greenChannel=true")).Should().Contain(Row(key)).And.NotContain(Row(applied));

        var bad = await pages.GetAsync("/projects?state=Lost&sort=sideways");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("state 须为以下之一").And.Contain("sort 须为以下之一").And.Contain("data-field=\"state\"");
        var badEnglish = await pages.GetAsync("/projects?state=Lost&culture=en");
        badEnglish.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badEnglish.Content.ReadAsStringAsync()).Should().Contain("state is one of").And.NotContain("须为");
        var english = await pages.GetStringAsync($"/projects?{PageDay}&state=InReview&culture=en");
        english.Should().Contain(Row(applied)).And.Contain("Current case state").And.Contain("Registered from").And.NotContain("当前办件状态");

        using var agent2 = await host.SignedInClientAsync("agent2");
        (await agent2.GetStringAsync($"/projects?{PageDay}")).Should().Contain(Row(theirs)).And.NotContain(Row(key)).And.NotContain(Row(applied));
    }
}
