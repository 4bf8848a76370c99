using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Supervision;

/// <summary>
/// The supervisor's attention list (docs/supervision.md, "Counting at scale") searched, filtered, sorted and paged with
/// the lists' parameters (docs/api.md, *Lists*), in the API (<c>GET /api/supervision/open</c>) and on <c>/supervision</c>.
/// Its own host: four cases of five review steps (zrzy, rf, sw, qx, yjgl) accepted a minute apart, the second a green
/// channel, then forty days later every one of the 20 review steps is overdue (limits of 5–7 working days); every expected
/// count is worked out from them, never read from the code under test.
/// </summary>
public sealed class SupervisionAttentionListTests(SupervisionAttentionListTests.FourLateCases host) : IClassFixture<SupervisionAttentionListTests.FourLateCases>
{
    private const string Api = "/api/supervision/open";
    private static readonly string[] Departments = ["zrzy", "rf", "sw", "qx", "yjgl"];

    /// <summary>Four accepted cases of <see cref="PermitApiDriver.FiveOfStageTwo"/>, forty days overdue.</summary>
    public sealed class FourLateCases : HostFactory, IAsyncLifetime
    {
        public List<(string CaseId, string Number, bool Green)> Cases { get; } = [];

        public async Task InitializeAsync()
        {
            using var agent = await AsUserAsync("agent1");
            using var frontdesk = await AsUserAsync("frontdesk");
            using var admin = await AsUserAsync("admin");
            for (var i = 0; i < 4; i++)
            {
                var filed = await agent.ApplyAsync(await agent.CreateProjectAsync(greenChannel: i == 1), Stage.EngineeringConstructionPermit, PermitApiDriver.FiveOfStageTwo);
                await frontdesk.ActAsync((await admin.OpenStepAsync(filed.Id(), "frontdesk")).Id(), new { outcome = "Accepted" });
                Cases.Add((filed.Id(), filed.Text("caseNumber"), i == 1));
                Clock.Advance(NodaTime.Duration.FromMinutes(1));
            }
            Clock.Advance(NodaTime.Duration.FromDays(40));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private static List<string> CaseIds(JsonElement attention) => attention.GetProperty("items").EnumerateArray().Select(i => i.Text("caseId")).ToList();

    [Fact]
    public async Task The_counts_cover_every_department_and_the_attention_list_is_paged()
    {
        using var supervisor = await host.AsUserAsync("supervisor");
        var open = await supervisor.GetJsonAsync(Api);
        open.GetProperty("openSteps").GetInt32().Should().Be(20);
        open.GetProperty("departments").EnumerateArray().Select(d => (d.Text("department"), d.GetProperty("open").GetInt32(), d.GetProperty("overdue").GetInt32(), d.GetProperty("warning").GetInt32()))
            .Should().BeEquivalentTo(Departments.Select(d => (d, 4, 4, 0)));
        open.GetProperty("attention").GetProperty("totalCount").GetInt32().Should().Be(20);

        var ids = new List<string>();
        for (var p = 1; p <= 3; p++)
        {
            var page = (await supervisor.GetJsonAsync($"{Api}?pageSize=7&page={p}")).GetProperty("attention");
            page.GetProperty("totalCount").GetInt32().Should().Be(20);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.Text("id")));
        }
        ids.Should().HaveCount(20).And.OnlyHaveUniqueItems("7 + 7 + 6 steps, each once");
    }

    [Fact]
    public async Task The_attention_list_is_searched_filtered_and_sorted()
    {
        using var supervisor = await host.AsUserAsync("supervisor");
        async Task<JsonElement> Attention(string query) => (await supervisor.GetJsonAsync($"{Api}?{query}")).GetProperty("attention");

        var rf = await Attention("department=rf");
        rf.GetProperty("totalCount").GetInt32().Should().Be(4);
        rf.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.Text("department") == "rf");
        var third = host.Cases[2];
        CaseIds(await Attention($"search={Uri.EscapeDataString(third.Number)}")).Should().HaveCount(5).And.OnlyContain(c => c == third.CaseId);
        CaseIds(await Attention("greenChannel=true")).Should().HaveCount(5).And.OnlyContain(c => c == host.Cases[1].CaseId);
        (await Attention("greenChannel=false")).GetProperty("totalCount").GetInt32().Should().Be(15);
        (await Attention("level=Overdue&department=qx")).GetProperty("totalCount").GetInt32().Should().Be(4);
        (await Attention("stage=CompletionAcceptance")).GetProperty("totalCount").GetInt32().Should().Be(0);
        (await Attention("search=no-such-case")).GetProperty("totalCount").GetInt32().Should().Be(0);

        // Oldest first: the cases in the order they were accepted (their steps opened then); newest first the reverse.
        var filed = host.Cases.Select(c => c.CaseId).ToList();
        CaseIds(await Attention("sort=oldest")).Distinct().Should().Equal(filed);
        CaseIds(await Attention("sort=newest")).Distinct().Should().Equal(Enumerable.Reverse(filed));
    }

    [Theory]
    [InlineData("department=nobody", "department", "不是部门代码", "is not a department code")]
    [InlineData("level=Soon", "level", "level 须为以下之一", "level is one of")]
    [InlineData("sort=sideways", "sort", "sort 须为以下之一", "sort is one of")]
    [InlineData("pageSize=0", "pageSize", "pageSize 须为 1 到", "pageSize is a whole number")]
    public async Task A_bad_parameter_is_a_problem_naming_it_in_the_callers_language(string query, string field, string chinese, string english)
    {
        using var supervisor = await host.AsUserAsync("supervisor");
        await supervisor.ShouldNameBadParameterAsync($"{Api}?{query}", field, chinese, english);
    }

    [Fact]
    public async Task Only_supervisors_read_it()
    {
        using var reviewer = await host.AsUserAsync("reviewer-rf");
        (await reviewer.GetAsync(Api)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_page_filters_pages_and_names_a_bad_parameter_in_the_pages_language()
    {
        using var supervisor = await host.SignedInClientAsync("supervisor");
        static List<string> Rows(string html) => Regex.Matches(html, "<tr data-step=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        var all = await supervisor.GetStringAsync("/supervision");
        Rows(all).Should().HaveCount(20);
        all.Should().Contain("<span class=\"count\" id=\"attention-count\">20</span>").And.Contain("id=\"list-filter\"");
        var rf = await supervisor.GetStringAsync("/supervision?department=rf");
        Rows(rf).Should().HaveCount(4);
        rf.Should().Contain("<span class=\"count\" id=\"attention-count\">4</span>").And.Contain("data-department=\"sw\"", "the counts are never filtered");
        var third = host.Cases[2];
        var found = await supervisor.GetStringAsync($"/supervision?search={Uri.EscapeDataString(third.Number)}");
        Rows(found).Should().HaveCount(5);
        var paged = await supervisor.GetStringAsync("/supervision?department=rf&pageSize=3&page=2");
        Rows(paged).Should().HaveCount(1);
        paged.Should().Contain("department=rf").And.Contain("id=\"prev-page\"", "the pager keeps the filter");

        var zh = await supervisor.GetAsync("/supervision?level=Soon");
        zh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await zh.Content.ReadAsStringAsync()).Should().Contain("data-field=\"level\"><li>level 须为以下之一").And.NotContain("level is one of");
        var en = await supervisor.GetAsync("/supervision?level=Soon&culture=en");
        en.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await en.Content.ReadAsStringAsync()).Should().Contain("data-field=\"level\"><li>level is one of").And.NotContain("须为以下之一");
        (await supervisor.GetStringAsync("/supervision?department=rf&culture=en")).Should().Contain("Steps in warning or overdue").And.Contain("Overdue first, most overdue first");
    }
}
