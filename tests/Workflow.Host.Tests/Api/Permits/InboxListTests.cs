using System.Net;
using System.Net.Http.Json;
using NodaTime;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>The inbox and the handled list (已办) as lists that scale (docs/api.md, Lists): searched, filtered, sorted and paged in SQL.</summary>
public sealed class InboxListTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task The_intake_queue_is_searched_filtered_sorted_and_paged_by_the_server()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var cases = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var project = await agent.PostJsonAsync("/api/projects", new
            {
                code = $"LIST-{tag}-{i}", name = $"列表项目{tag}-{i}", enterprise = $"列表单位{tag}-{i}", kind = "EnterpriseInvested",
                greenChannel = i == 3, priorApprovals = PermitApiDriver.PriorApprovals,
            }, HttpStatusCode.Created);
            cases.Add((await agent.ApplyAsync(project.Id(), i == 4 ? Stage.CompletionAcceptance : Stage.ConstructionPermit)).Id());
            host.Clock.Advance(Duration.FromMinutes(1)); // filed one after the other
        }

        async Task<List<string>> CaseIds(string query)
        {
            var page = await frontdesk.GetJsonAsync("/api/inbox?" + query);
            return page.GetProperty("items").EnumerateArray().Select(s => s.Text("caseId")).ToList();
        }
        (await CaseIds($"search=列表项目{tag}-2")).Should().Equal(cases[2]);
        (await CaseIds($"search=LIST-{tag}-1")).Should().Equal(cases[1]);
        (await CaseIds($"search=列表单位{tag}-0")).Should().Equal(cases[0]);
        (await CaseIds($"search={cases[4]}")).Should().Equal(cases[4]);
        (await CaseIds($"search=列表项目{tag}&greenChannel=true")).Should().Equal(cases[3]);
        (await CaseIds($"search=列表项目{tag}&stage=CompletionAcceptance")).Should().Equal(cases[4]);
        // A matter by its Chinese or English name: 竣工验收备案 (ZJJ-004) is a stage-4 matter only.
        (await CaseIds("search=房屋建筑和市政基础设施工程竣工验收备案")).Should().Contain(cases[4]).And.NotContain(cases[0]);
        (await CaseIds("search=Completion acceptance filing of buildings")).Should().Contain(cases[4]).And.NotContain(cases[0]);
        (await CaseIds($"search=列表项目{tag}")).Should().Equal(cases[3], cases[0], cases[1], cases[2], cases[4]);
        (await CaseIds($"search=列表项目{tag}&sort=newest")).Should().Equal(cases[4], cases[3], cases[2], cases[1], cases[0]);
        var second = await frontdesk.GetJsonAsync($"/api/inbox?search=列表项目{tag}&sort=oldest&page=2&pageSize=2");
        second.GetProperty("totalCount").GetInt32().Should().Be(5);
        second.GetProperty("items").EnumerateArray().Select(s => s.Text("caseId")).Should().Equal(cases[2], cases[3]);

        // 已办: what the window decided, when and by whom, newest first.
        await frontdesk.ActAsync((await (await host.AsUserAsync("admin")).OpenStepAsync(cases[1], "frontdesk")).Id(), new { outcome = "Accepted" });
        var handled = await frontdesk.GetJsonAsync($"/api/inbox/handled?search=列表项目{tag}");
        handled.GetProperty("totalCount").GetInt32().Should().Be(1);
        var item = handled.GetProperty("items")[0];
        (item.Text("caseId"), item.Text("outcome"), item.Text("actor"), item.Text("state")).Should().Be((cases[1], "Accepted", "frontdesk", "Completed"));
        item.Text("completedAt").Should().StartWith("2025-09-26T10:00:00+08:00"[..10]);
        (await CaseIds($"search=列表项目{tag}")).Should().NotContain(cases[1]);
    }

    [Theory]
    [InlineData("sort=sideways", "sort")]
    [InlineData("level=Purple", "level")]
    [InlineData("greenChannel=maybe", "greenChannel")]
    [InlineData("from=2025-13-01", "from")]
    [InlineData("from=2025-09-02&to=2025-09-01", "to")]
    [InlineData("stage=Fifth", "stage")]
    [InlineData("state=Sleeping", "state")]
    [InlineData("pageSize=501", "pageSize")]
    public async Task A_bad_list_parameter_is_400_naming_it_in_the_callers_language(string query, string parameter)
    {
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var zh = await (await frontdesk.GetAsync("/api/inbox/handled?" + query)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        zh.GetProperty("errors").GetProperty(parameter)[0].GetString().Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/inbox?" + query);
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await frontdesk.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        en.GetProperty("errors").GetProperty(parameter)[0].GetString().Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
    }
}
