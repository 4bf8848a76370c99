using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Supervision;

/// <summary>
/// The complaint list as the other lists (issue #13, "Lists that scale"; docs/api.md, *Lists*): server-side pages
/// <c>{items, totalCount, page, pageSize}</c>, the search (complaint text, case number, project), the state, department
/// and date filters, the order; bad parameters 400 naming them in the caller's language; the page alike.
/// Three complaints of agent1, filed on Monday 3 August 2026 (two) and the day after (one), a day nobody else uses.
/// </summary>
public sealed class ComplaintListTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Days = "from=2026-08-03&to=2026-08-04";

    [Fact]
    public async Task The_complaint_list_is_paged_searched_filtered_and_sorted_on_the_server()
    {
        host.Clock.Set(Instant.FromUtc(2026, 8, 3, 2, 0)); // 10:00 in Shanghai
        var agent = await host.AsUserAsync(Roles.Agent);
        var school = (await agent.ApplyAsync(await agent.CreateProjectAsync(name: "滨江小学改扩建"), Stage.CompletionAcceptance)).Id();
        var plant = (await agent.ApplyAsync(await agent.CreateProjectAsync(name: "城东污水处理厂"), Stage.CompletionAcceptance)).Id();
        async Task<long> File(string caseId, string department, string text) =>
            (await (await agent.PostAsJsonAsync("/api/complaints", new { caseId, department, text })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var queue = await File(school, "frontdesk", "窗口排队太久");
        var delay = await File(school, "rf", "人防审查拖延");
        host.Clock.Advance(Duration.FromDays(1));
        agent.Dispose();
        agent = await host.AsUserAsync(Roles.Agent); // a token of the day (tokens expire on the test clock)
        using var agent2 = await host.AsUserAsync("agent2");
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        var returned = await File(plant, "zjj", "住建材料反复退回");
        var schoolNumber = (await agent.GetJsonAsync($"/api/cases/{school}")).Text("caseNumber");

        async Task<(long[] Ids, int Total, JsonElement Page)> List(HttpClient client, string query)
        {
            var page = await client.GetJsonAsync("/api/complaints?" + query);
            return (page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray(), page.GetProperty("totalCount").GetInt32(), page);
        }

        var first = await List(supervisor, $"{Days}&pageSize=2");
        first.Ids.Should().Equal(returned, delay);
        first.Total.Should().Be(3);
        first.Page.GetProperty("page").GetInt32().Should().Be(1);
        first.Page.GetProperty("pageSize").GetInt32().Should().Be(2);
        (await List(supervisor, $"{Days}&pageSize=2&page=2")).Ids.Should().Equal(queue);
        (await List(supervisor, $"{Days}&sort=oldest")).Ids.Should().Equal(queue, delay, returned);
        (await List(supervisor, "from=2026-08-04&to=2026-08-04")).Ids.Should().Equal(returned);

        (await List(supervisor, "search=" + Uri.EscapeDataString("排队太久"))).Ids.Should().Equal(queue);
        (await List(supervisor, "search=" + Uri.EscapeDataString("城东污水"))).Ids.Should().Equal([returned], "the project's name");
        var byNumber = await List(supervisor, "search=" + Uri.EscapeDataString(schoolNumber));
        byNumber.Ids.Should().Equal(delay, queue);
        byNumber.Page.GetProperty("items")[0].Text("caseNumber").Should().Be(schoolNumber);

        (await List(supervisor, $"{Days}&department=rf")).Ids.Should().Equal(delay);
        (await List(supervisor, $"{Days}&state=Open")).Total.Should().Be(3);
        await supervisor.PostJsonAsync($"/api/complaints/{delay}/take", new { });
        (await List(supervisor, $"{Days}&state=InHand")).Ids.Should().Equal(delay);
        (await List(supervisor, $"{Days}&state=inhand")).Ids.Should().Equal([delay], "state names are read case-insensitively, as on the other lists");

        (await List(agent, Days)).Total.Should().Be(3);
        (await List(agent2, Days)).Total.Should().Be(0, "an agent sees their own complaints only");
        agent.Dispose();
    }

    [Theory]
    [InlineData("state=Lost", "state")]
    [InlineData("level=Overdue", "level")]
    [InlineData("department=nobody", "department")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("sort=sideways", "sort")]
    [InlineData("from=2026-13-01", "from")]
    public async Task A_bad_list_parameter_is_400_naming_it_in_the_callers_language(string query, string parameter)
    {
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        var zh = await (await supervisor.GetAsync("/api/complaints?" + query)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        zh.GetProperty("errors").GetProperty(parameter)[0].GetString().Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        zh.Text("title").Should().Be("列表参数无效。");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/complaints?" + query);
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await supervisor.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        en.GetProperty("errors").GetProperty(parameter)[0].GetString().Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        en.Text("title").Should().Be("The list parameters are not valid.");
    }

    [Fact]
    public async Task The_complaints_page_searches_filters_and_pages_in_both_languages()
    {
        host.Clock.Set(Instant.FromUtc(2026, 8, 10, 2, 0));
        using var agent = await host.AsUserAsync(Roles.Agent);
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(name: "西湖区图书馆"), Stage.CompletionAcceptance)).Id();
        var ids = new List<long>();
        foreach (var text in new[] { "图书馆窗口一", "图书馆窗口二", "图书馆窗口三" })
            ids.Add((await (await agent.PostAsJsonAsync("/api/complaints", new { caseId, department = "frontdesk", text })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64());

        using var pages = await host.SignedInClientAsync(Roles.Supervisor);
        var zh = await pages.GetStringAsync("/complaints?from=2026-08-10&to=2026-08-10&pageSize=2");
        zh.Should().Contain($"data-complaint=\"{ids[2]}\"").And.Contain($"data-complaint=\"{ids[1]}\"").And.NotContain($"data-complaint=\"{ids[0]}\"")
            .And.Contain("id=\"next-page\"").And.Contain("共 3 件");
        var second = await pages.GetStringAsync("/complaints?from=2026-08-10&to=2026-08-10&pageSize=2&page=2");
        second.Should().Contain($"data-complaint=\"{ids[0]}\"").And.NotContain($"data-complaint=\"{ids[1]}\"");
        var searched = await pages.GetStringAsync("/complaints?search=" + Uri.EscapeDataString("窗口二"));
        searched.Should().Contain($"data-complaint=\"{ids[1]}\"").And.NotContain($"data-complaint=\"{ids[0]}\"").And.NotContain($"data-complaint=\"{ids[2]}\"");

        var bad = await pages.GetAsync("/complaints?state=Lost");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("state 须为以下之一");
        var en = await pages.GetStringAsync("/complaints?from=2026-08-10&to=2026-08-10&culture=en");
        en.Should().Contain("3 in all").And.Contain(">In hand<").And.NotContain("待受理");
    }
}
