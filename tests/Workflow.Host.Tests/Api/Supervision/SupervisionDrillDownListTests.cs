using System.Net;
using System.Text.Json;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Supervision;

/// <summary>
/// The drill-down as a list that scales (docs/api.md, *Lists*; docs/supervision.md, Dashboard): the lists' parameters,
/// paged by the server. Its own host, so that the window's open intake steps are exactly the seven applications filed
/// here; every expected count is worked out from them, never read from the code under test.
/// </summary>
public sealed class SupervisionDrillDownListTests(SupervisionDrillDownListTests.SevenFilings host) : IClassFixture<SupervisionDrillDownListTests.SevenFilings>
{
    private const string Open = "/api/supervision/departments/frontdesk/open";

    /// <summary>Seven applications waiting at the window; the 2nd and 5th are green-channel projects, the last for stage 4.</summary>
    public sealed class SevenFilings : HostFactory, IAsyncLifetime
    {
        public List<(string CaseId, string Number, bool Green, Stage Stage)> Cases { get; } = [];

        public async Task InitializeAsync()
        {
            using var agent = await AsUserAsync("agent1");
            for (var i = 0; i < 7; i++)
            {
                var (green, stage) = (i is 1 or 4, i == 6 ? Stage.CompletionAcceptance : Stage.ConstructionPermit);
                var filed = await agent.ApplyAsync(await agent.CreateProjectAsync(greenChannel: green), stage);
                Cases.Add((filed.Id(), filed.Text("caseNumber"), green, stage));
                Clock.Advance(NodaTime.Duration.FromMinutes(1));
            }
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private static List<string> CaseIds(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.Text("caseId")).ToList();

    [Fact]
    public async Task The_drill_down_is_paged_by_the_server_and_searched_by_case_number()
    {
        using var supervisor = await host.AsUserAsync("supervisor");
        var all = host.Cases.Select(c => c.CaseId).ToList();

        var pages = new List<JsonElement>();
        for (var p = 1; p <= 3; p++) pages.Add(await supervisor.GetJsonAsync($"{Open}?pageSize=3&page={p}"));
        pages.Should().OnlyContain(p => p.GetProperty("totalCount").GetInt32() == all.Count);
        pages.Select(p => CaseIds(p).Count).Should().Equal(3, 3, all.Count - 6);
        pages.SelectMany(CaseIds).Should().BeEquivalentTo(all, "the pages together hold every intake step once");
        CaseIds(await supervisor.GetJsonAsync($"{Open}?pageSize=3&page=4")).Should().BeEmpty();

        var third = host.Cases[2];
        var found = await supervisor.GetJsonAsync($"{Open}?search={Uri.EscapeDataString(third.Number)}");
        found.GetProperty("totalCount").GetInt32().Should().Be(1);
        found.GetProperty("items")[0].Text("caseNumber").Should().Be(third.Number);
        found.GetProperty("items")[0].Text("caseId").Should().Be(third.CaseId);
        (await supervisor.GetJsonAsync($"{Open}?search=no-such-case")).GetProperty("totalCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task The_drill_down_is_filtered_and_sorted_green_channel_first()
    {
        using var supervisor = await host.AsUserAsync("supervisor");
        var green = host.Cases.Where(c => c.Green).Select(c => c.CaseId).ToList();
        var stage4 = host.Cases.Where(c => c.Stage == Stage.CompletionAcceptance).Select(c => c.CaseId).ToList();

        CaseIds(await supervisor.GetJsonAsync($"{Open}?greenChannel=true")).Should().BeEquivalentTo(green);
        CaseIds(await supervisor.GetJsonAsync($"{Open}?greenChannel=false")).Should().HaveCount(host.Cases.Count - green.Count).And.NotContain(green);
        CaseIds(await supervisor.GetJsonAsync($"{Open}?stage=CompletionAcceptance")).Should().Equal(stage4);
        CaseIds(await supervisor.GetJsonAsync($"{Open}?state=Submitted")).Should().HaveCount(host.Cases.Count);
        CaseIds(await supervisor.GetJsonAsync($"{Open}?state=Issued")).Should().BeEmpty();
        CaseIds(await supervisor.GetJsonAsync($"/api/supervision/departments/all/open?department=frontdesk")).Should().HaveCount(host.Cases.Count);
        CaseIds(await supervisor.GetJsonAsync($"/api/supervision/departments/all/open?department=zjj")).Should().BeEmpty();
        CaseIds(await supervisor.GetJsonAsync($"{Open}?level=Overdue")).Should().BeEmpty("filed minutes ago");

        // Due first: the green channel first, then (no promised due at intake) by when the step opened; newest and oldest by that instant.
        var filed = host.Cases.Select(c => c.CaseId).ToList();
        CaseIds(await supervisor.GetJsonAsync(Open)).Should().Equal(green.Concat(filed.Except(green)));
        CaseIds(await supervisor.GetJsonAsync($"{Open}?sort=oldest")).Should().Equal(filed);
        CaseIds(await supervisor.GetJsonAsync($"{Open}?sort=newest")).Should().Equal(Enumerable.Reverse(filed));
    }

    [Theory]
    [InlineData("/api/supervision/departments/frontdesk/nothing", "figure", "「nothing」不是监察指标", "'nothing' is not a figure")]
    [InlineData("/api/supervision/departments/nobody/open", "code", "「nobody」既不是部门代码", "'nobody' is not a department code")]
    [InlineData(Open + "?from=2025-13-01", "from", "须为 2000 至 2100 年间的日期", "a date yyyy-MM-dd")]
    [InlineData(Open + "?from=2025-10-02&to=2025-10-01", "from", "起始日期不能晚于截止日期", "from must not be after to")]
    [InlineData(Open + "?pageSize=0", "pageSize", "pageSize 须为 1 到", "pageSize is a whole number")]
    [InlineData(Open + "?page=x", "page", "page 须为", "page is a whole number")]
    [InlineData(Open + "?state=Lost", "state", "state 须为以下之一", "state is one of")]
    [InlineData(Open + "?stage=Nine", "stage", "stage 须为以下之一", "stage is one of")]
    [InlineData(Open + "?department=nobody", "department", "不是部门代码", "is not a department code")]
    [InlineData(Open + "?level=Soon", "level", "level 须为以下之一", "level is one of")]
    [InlineData(Open + "?greenChannel=maybe", "greenChannel", "greenChannel 须为以下之一", "greenChannel is one of")]
    [InlineData(Open + "?sort=sideways", "sort", "sort 须为以下之一", "sort is one of")]
    public async Task A_bad_parameter_is_a_problem_naming_it_in_the_callers_language(string path, string field, string chinese, string english)
    {
        using var supervisor = await host.AsUserAsync("supervisor");
        await supervisor.ShouldNameBadParameterAsync(path, field, chinese, english);
    }

    [Fact]
    public async Task The_drill_down_page_pages_searches_and_names_a_bad_parameter_in_the_pages_language()
    {
        using var supervisor = await host.SignedInClientAsync("supervisor");
        const string page = "/supervision/drill?department=frontdesk&figure=open";
        static List<string> Rows(string html) => System.Text.RegularExpressions.Regex.Matches(html, "<tr data-case=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        var shown = new List<string>();
        for (var p = 1; p <= 3; p++)
        {
            var html = await supervisor.GetStringAsync($"{page}&pageSize=3&page={p}");
            html.Should().Contain($"<span class=\"count\" id=\"total\">{host.Cases.Count}</span>");
            shown.AddRange(Rows(html));
        }
        shown.Should().BeEquivalentTo(host.Cases.Select(c => c.CaseId), "three pages of 3, 3 and 1 rows hold every case once");
        (await supervisor.GetStringAsync($"{page}&pageSize=3")).Should().Contain("id=\"next-page\"");

        var fifth = host.Cases[4];
        var found = await supervisor.GetStringAsync($"{page}&search={Uri.EscapeDataString(fifth.Number)}");
        Rows(found).Should().Equal(fifth.CaseId);
        found.Should().Contain($"class=\"case-number\">{fifth.Number}</a>");

        var zh = await supervisor.GetAsync("/supervision/drill?department=frontdesk&figure=nothing&pageSize=0");
        zh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var zhHtml = await zh.Content.ReadAsStringAsync();
        zhHtml.Should().Contain("data-field=\"figure\"><li>「nothing」不是监察指标").And.Contain("data-field=\"pageSize\"><li>pageSize 须为 1 到");
        zhHtml.Should().NotContain("is not a figure");
        (await supervisor.GetAsync("/inbox?pageSize=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a bad page size is shown, not divided by");
        var en = await (await supervisor.GetAsync("/supervision/drill?department=frontdesk&figure=nothing&culture=en")).Content.ReadAsStringAsync();
        en.Should().Contain("data-field=\"figure\"><li>&#x27;nothing&#x27; is not a figure").And.NotContain("不是监察指标");
    }
}
