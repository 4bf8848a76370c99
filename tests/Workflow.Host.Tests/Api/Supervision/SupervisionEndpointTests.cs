using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Scheduling;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api.Supervision;

/// <summary>
/// The dashboard API and the 督办 round trip over HTTP (docs/api.md, Supervision). agent1's ZJJ-003 case, accepted on
/// Friday 26 September 2025, 60 days later: its zjj step and the case (zjj leads stage 3) carry a yellow and a red card
/// on each clock — 4 yellow, 4 red, all zjj's — and the step is open and overdue.
/// </summary>
public sealed class SupervisionEndpointTests : IClassFixture<SupervisionEndpointTests.OverdueHost>
{
    private const string Period = "from=2025-09-01&to=2025-12-31";
    private readonly OverdueHost _host;

    public SupervisionEndpointTests(OverdueHost host) => _host = host;

    public sealed class OverdueHost : HostFactory, IAsyncLifetime
    {
        public string CaseId { get; private set; } = "";
        public string StepId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            using var agent = await AsUserAsync("agent1");
            using var frontdesk = await AsUserAsync("frontdesk");
            using var admin = await AsUserAsync("admin");
            CaseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
            await frontdesk.ActAsync((await admin.OpenStepAsync(CaseId, "frontdesk")).Id(), new { outcome = "Accepted" });
            StepId = (await admin.OpenStepAsync(CaseId, "zjj")).Id();
            Clock.Advance(Duration.FromDays(60));
            await Services.GetRequiredService<WorkflowScheduler>().FireDueAsync();
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    [Fact]
    public async Task The_dashboard_counts_the_cards_and_each_number_drills_down_to_its_case()
    {
        using var supervisor = await _host.AsUserAsync("supervisor");
        var dashboard = await supervisor.GetJsonAsync($"/api/supervision/departments?{Period}");
        var zjj = dashboard.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == "zjj");
        var counts = zjj.GetProperty("counts");
        counts.GetProperty("yellowCards").GetInt32().Should().Be(4);
        counts.GetProperty("redCards").GetInt32().Should().Be(4);
        counts.GetProperty("open").GetInt32().Should().Be(1);
        counts.GetProperty("completed").GetInt32().Should().Be(0);
        zjj.GetProperty("onTimeRatePromised").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "nothing was completed");
        dashboard.GetProperty("overall").GetProperty("counts").GetProperty("redCards").GetInt32().Should().Be(4);

        var link = zjj.GetProperty("links").GetProperty("redCards").GetString()!;
        var items = (await supervisor.GetJsonAsync(link)).GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(4).And.OnlyContain(i => i.GetProperty("caseId").GetString() == _host.CaseId && i.GetProperty("case").GetString() == $"/cases/{_host.CaseId}");
        items.Count(i => i.GetProperty("stepId").GetString() == _host.StepId).Should().Be(2, "the step's two red cards; the case's two have no step");

        // The page names each card in its language, never by the stored English names (issue #13: English on Chinese pages).
        using var page = await _host.SignedInClientAsync("supervisor");
        var zh = await page.GetStringAsync($"/supervision/drill?department=zjj&figure=redCards&{Period}");
        zh.Should().Contain("环节 · 承诺时限").And.Contain("办件 · 法定时限").And.NotContain("Step Promised").And.NotContain("Case Statutory");
        var en = await page.GetStringAsync($"/supervision/drill?department=zjj&figure=redCards&{Period}&culture=en");
        en.Should().Contain("Step · promised").And.Contain("Case · statutory");
    }

    [Theory]
    [InlineData("agent1", HttpStatusCode.Forbidden)]
    [InlineData("reviewer-zjj", HttpStatusCode.Forbidden)]
    [InlineData("frontdesk", HttpStatusCode.Forbidden)]
    [InlineData("designer", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Only_supervisors_and_the_admin_read_the_dashboard(string? user, HttpStatusCode expected)
    {
        using var client = user is null ? _host.Anonymous() : await _host.AsUserAsync(user);
        (await client.GetAsync($"/api/supervision/departments?{Period}")).StatusCode.Should().Be(expected);
        (await client.GetAsync($"/api/supervision/departments/zjj/redCards?{Period}")).StatusCode.Should().Be(expected);
    }

    [Theory]
    [InlineData("/api/supervision/departments?from=2025-13-01", "from")]
    [InlineData("/api/supervision/departments?from=2025-10-02&to=2025-10-01", "from")]
    [InlineData("/api/supervision/departments?to=yesterday", "to")]
    [InlineData("/api/supervision/departments/zjj/nothing", "figure")]
    [InlineData("/api/supervision/departments/nobody/open", "code")]
    public async Task Bad_input_is_a_problem_naming_the_field(string path, string field)
    {
        using var supervisor = await _host.AsUserAsync("supervisor");
        var problem = await (await supervisor.GetAsync(path)).JsonAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_urging_notice_reaches_the_department_which_replies_once_and_the_supervisor_is_told()
    {
        using var supervisor = await _host.AsUserAsync("supervisor");
        using var zjj = await _host.AsUserAsync("reviewer-zjj");
        using var rf = await _host.AsUserAsync("reviewer-rf");

        (await (await supervisor.PostAsJsonAsync("/api/supervision/urgings", new { stepId = _host.StepId, message = "请尽快办结" })).JsonAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("replyDue", out _).Should().BeTrue();
        (await zjj.PostAsJsonAsync("/api/supervision/urgings", new { stepId = _host.StepId, message = "x", replyDue = "2025-12-31" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await supervisor.PostAsJsonAsync("/api/supervision/urgings", new { stepId = "no-such-step", message = "x", replyDue = "2025-12-31" })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var notice = await (await supervisor.PostAsJsonAsync("/api/supervision/urgings", new { stepId = _host.StepId, message = "请尽快办结", replyDue = "2025-12-31" }))
            .JsonAsync(HttpStatusCode.Created);
        var id = notice.GetProperty("id").GetInt64();
        notice.GetProperty("department").GetString().Should().Be("zjj");

        (await rf.GetJsonAsync("/api/supervision/urgings")).GetProperty("items").EnumerateArray().Should().BeEmpty();
        (await zjj.GetJsonAsync("/api/supervision/urgings")).GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).Should().Contain(id);
        (await zjj.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray()
            .Should().Contain(n => n.GetProperty("kind").GetString() == "urging" && n.GetProperty("data").GetProperty("notice").GetString() == id.ToString());

        (await rf.PostAsJsonAsync($"/api/supervision/urgings/{id}/reply", new { reply = "不是我们的" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var replied = await (await zjj.PostAsJsonAsync($"/api/supervision/urgings/{id}/reply", new { reply = "已安排，明日办结" })).JsonAsync(HttpStatusCode.OK);
        replied.GetProperty("repliedBy").GetString().Should().Be("reviewer-zjj");
        (await zjj.PostAsJsonAsync($"/api/supervision/urgings/{id}/reply", new { reply = "再次回复" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var all = (await supervisor.GetJsonAsync("/api/supervision/urgings")).GetProperty("items").EnumerateArray().Single(u => u.GetProperty("id").GetInt64() == id);
        all.GetProperty("reply").GetString().Should().Be("已安排，明日办结");
        (await supervisor.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray()
            .Should().Contain(n => n.GetProperty("kind").GetString() == "urging-reply");

        // Both are on the case's audit trail, with who did them (docs/audit.md).
        var audit = (await supervisor.GetJsonAsync($"/api/cases/{_host.CaseId}/audit")).GetProperty("items").EnumerateArray().ToList();
        audit.Should().ContainSingle(e => e.GetProperty("action").GetString() == "urging.issued" && e.GetProperty("actor").GetString() == "supervisor");
        audit.Should().ContainSingle(e => e.GetProperty("action").GetString() == "urging.replied" && e.GetProperty("actor").GetString() == "reviewer-zjj"
            && e.GetProperty("stepId").GetString() == _host.StepId);
    }

    [Fact]
    public async Task The_urging_list_is_paged_searched_filtered_and_due_first_in_both_languages()
    {
        using var supervisor = await _host.AsUserAsync("supervisor");
        using var zjj = await _host.AsUserAsync("reviewer-zjj");
        using var rf = await _host.AsUserAsync("reviewer-rf");
        async Task<long> Issue(string message, string replyDue) =>
            (await (await supervisor.PostAsJsonAsync("/api/supervision/urgings", new { stepId = _host.StepId, message, replyDue })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var late = await Issue("分页督办：最迟", "2025-12-20");
        var soon = await Issue("分页督办：最早", "2025-12-05");
        var middle = await Issue("分页督办：居中", "2025-12-10");
        await zjj.PostJsonAsync($"/api/supervision/urgings/{soon}/reply", new { reply = "分页督办已回复" });
        var search = "search=" + Uri.EscapeDataString("分页督办");

        async Task<(long[] Ids, int Total)> List(HttpClient client, string query)
        {
            var page = await client.GetJsonAsync("/api/supervision/urgings?" + query);
            page.GetProperty("page").GetInt32().Should().BeGreaterThan(0);
            return (page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToArray(), page.GetProperty("totalCount").GetInt32());
        }

        (await List(supervisor, search)).Ids.Should().Equal([middle, late, soon], "awaiting a reply first, the earliest reply due first; the replied one last");
        var first = await List(supervisor, search + "&pageSize=2");
        first.Ids.Should().Equal(middle, late);
        first.Total.Should().Be(3);
        (await List(supervisor, search + "&pageSize=2&page=2")).Ids.Should().Equal(soon);
        (await List(supervisor, search + "&sort=newest")).Ids.Should().Equal(middle, soon, late);
        (await List(supervisor, search + "&state=Replied")).Ids.Should().Equal(soon);
        (await List(supervisor, search + "&state=Awaiting&department=zjj")).Ids.Should().Equal(middle, late);
        (await List(supervisor, search + "&department=rf")).Total.Should().Be(0);
        (await List(supervisor, "search=" + Uri.EscapeDataString("分页督办已回复"))).Ids.Should().Equal([soon], "the reply is searched too");
        var number = (await supervisor.GetJsonAsync($"/api/cases/{_host.CaseId}")).Text("caseNumber");
        (await List(supervisor, "search=" + Uri.EscapeDataString(number))).Ids.Should().Contain([late, soon, middle]);
        (await supervisor.GetJsonAsync("/api/supervision/urgings?" + search)).GetProperty("items")[0].Text("caseNumber").Should().Be(number);
        (await List(zjj, search)).Total.Should().Be(3);
        (await List(rf, search)).Total.Should().Be(0, "a reviewer reads their department's notices only");

        var zh = await (await supervisor.GetAsync("/api/supervision/urgings?state=Sleeping")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        zh.GetProperty("errors").GetProperty("state")[0].GetString().Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/supervision/urgings?level=Overdue");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await supervisor.SendAsync(request)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        en.GetProperty("errors").GetProperty("level")[0].GetString().Should().Be("this list is not filtered by level");

        using var page = await _host.SignedInClientAsync("supervisor");
        var html = await page.GetStringAsync("/supervision/urgings?pageSize=2&" + search);
        html.Should().Contain($"data-urging=\"{middle}\"").And.Contain($"data-urging=\"{late}\"").And.NotContain($"data-urging=\"{soon}\"")
            .And.Contain("id=\"next-page\"").And.Contain("共 3 件").And.Contain(number);
        (await page.GetAsync("/supervision/urgings?state=Sleeping")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.GetStringAsync("/supervision/urgings?culture=en&state=Replied&" + search)).Should().Contain($"data-urging=\"{soon}\"").And.Contain("1 in all");
    }

    /// <summary>
    /// The issue form offers the overdue steps to choose from — case number, department, step title and due date in the
    /// page's language — instead of asking for a step id (issue #13); a link's <c>?step=</c> chooses one already; a step
    /// that cannot be urged (here the case's completed intake) is a field error in the user's language.
    /// </summary>
    [Fact]
    public async Task The_urging_form_offers_the_overdue_steps_and_urges_the_chosen_one()
    {
        using var admin = await _host.AsUserAsync("admin");
        var file = await admin.GetJsonAsync($"/api/cases/{_host.CaseId}");
        var number = file.Text("caseNumber");
        var intake = file.GetProperty("steps").EnumerateArray().First(s => s.Text("department") == "frontdesk").Id();
        using var page = await _host.SignedInClientAsync("supervisor");

        var html = await page.GetStringAsync("/supervision/urgings");
        html.Should().Contain("<select id=\"urge-step\" name=\"Step\" required").And.NotContain("超期环节编号");
        var option = System.Text.RegularExpressions.Regex.Match(html, $"<option value=\"{_host.StepId}\">([^<]*)</option>");
        option.Success.Should().BeTrue("the overdue zjj step is offered");
        option.Groups[1].Value.Should().StartWith($"{number} · 住房城乡建设 · ").And.Contain(" · 到期 2025-");
        html.Should().NotContain($"<option value=\"{intake}\"", "a completed step is not offered");
        (await page.GetStringAsync($"/supervision/urgings?step={_host.StepId}")).Should().Contain($"<option value=\"{_host.StepId}\" selected=\"selected\">");

        var token = Pages.PageForms.AntiforgeryToken(html);
        FormUrlEncodedContent Form(string step) => new([new("Step", step), new("Text", "表单督办：请说明超期原因"), new("ReplyDue", "2025-12-31"), new("__RequestVerificationToken", token)]);
        var closed = await page.PostAsync("/supervision/urgings?handler=Issue", Form(intake));
        closed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await closed.Content.ReadAsStringAsync()).Should().Contain("data-field=\"stepId\"").And.Contain("只能对超期的在办环节督办");
        var issued = await page.PostAsync("/supervision/urgings?handler=Issue", Form(_host.StepId));
        issued.StatusCode.Should().Be(HttpStatusCode.Redirect, await issued.Content.ReadAsStringAsync());
        (await page.GetStringAsync("/supervision/urgings?search=" + Uri.EscapeDataString("表单督办"))).Should().Contain("共 1 件").And.Contain($"/steps/{_host.StepId}");

        var english = await page.GetStringAsync("/supervision/urgings?culture=en");
        var englishOption = System.Text.RegularExpressions.Regex.Match(english, $"<option value=\"{_host.StepId}\">([^<]*)</option>");
        englishOption.Groups[1].Value.Should().StartWith($"{number} · Housing and Urban-Rural Development · ").And.Contain(" · due 2025-")
            .And.NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        var closedEnglish = await page.PostAsync("/supervision/urgings?handler=Issue", Form(intake));
        (await closedEnglish.Content.ReadAsStringAsync()).Should().Contain("only an open, overdue step can be urged").And.NotContain("只能对超期的在办环节督办");
    }

    /// <summary>
    /// An overdue step is urged from where the supervisor sees it: the supervision list and the case page link to the issue
    /// form with the step chosen and the choices narrowed to its case (<c>?case=</c>); a reviewer sees no urge link.
    /// </summary>
    [Fact]
    public async Task The_supervision_list_and_the_case_page_link_an_overdue_step_to_the_urging_form()
    {
        using var admin = await _host.AsUserAsync("admin");
        var number = (await admin.GetJsonAsync($"/api/cases/{_host.CaseId}")).Text("caseNumber");
        var link = $"/supervision/urgings?step={_host.StepId}&amp;case={number}";
        using var supervisor = await _host.SignedInClientAsync("supervisor");
        using var reviewer = await _host.SignedInClientAsync("reviewer-zjj");

        (await supervisor.GetStringAsync("/supervision?level=Overdue")).Should().Contain($"<a class=\"urge\" href=\"{link}\">督办</a>");
        (await supervisor.GetStringAsync($"/cases/{_host.CaseId}")).Should().Contain($"<a class=\"urge\" href=\"{link}\">督办</a>")
            .And.Contain($"id=\"urgings-link\" href=\"/supervision/urgings?search={number}\"");
        (await reviewer.GetStringAsync("/inbox")).Should().Contain($"data-step=\"{_host.StepId}\"").And.NotContain("class=\"urge\"");
        (await reviewer.GetStringAsync($"/cases/{_host.CaseId}")).Should().NotContain("class=\"urge\"");

        var narrowed = await supervisor.GetStringAsync(System.Net.WebUtility.HtmlDecode(link));
        narrowed.Should().Contain($"<option value=\"{_host.StepId}\" selected=\"selected\">").And.Contain($"value=\"{number}\"");
        narrowed.Should().Contain($"action=\"/supervision/urgings?case={number}&amp;handler=Issue\"", "an error on issuing keeps the narrowing");
        var other = await supervisor.GetStringAsync("/supervision/urgings?case=2099-3-999999");
        other.Should().NotContain($"<option value=\"{_host.StepId}\"").And.Contain("没有与筛选条件相符的超期在办环节");
        var tooLong = await supervisor.GetStringAsync("/supervision/urgings?case=" + new string('x', 101));
        tooLong.Should().Contain("data-field=\"case\"").And.Contain($"<option value=\"{_host.StepId}\">", "an over-long narrowing is refused and every overdue step offered");
    }

    /// <summary>
    /// The open steps' drill-down names each step by the catalogue's English names in English mode, as the other lists
    /// (issue #13: "In English mode, matter names and step titles stay Chinese"); the stored Chinese title in Chinese mode.
    /// </summary>
    [Fact]
    public async Task The_drill_down_names_a_step_in_the_pages_language()
    {
        using var supervisor = await _host.AsUserAsync("supervisor");
        var stored = (await supervisor.GetJsonAsync($"/api/cases/{_host.CaseId}")).GetProperty("steps").EnumerateArray()
            .Single(s => s.Id() == _host.StepId).Text("title");
        stored.Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}", "the stored title is Chinese");
        var item = (await supervisor.GetJsonAsync($"/api/supervision/departments/zjj/open?{Period}")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("stepId").GetString() == _host.StepId);
        item.Text("stepKind").Should().Be("Review");
        item.Text("matter").Should().Be("ZJJ-003");

        using var page = await _host.SignedInClientAsync("supervisor");
        var zh = await page.GetStringAsync($"/supervision/drill?department=zjj&figure=open&{Period}");
        zh.Should().Contain(stored);
        var en = await page.GetStringAsync($"/supervision/drill?department=zjj&figure=open&{Period}&culture=en");
        // ZJJ-003 and zjj's English names in the sample catalogue.
        en.Should().Contain("Quality and safety supervision registration · Housing and Urban-Rural Development").And.NotContain(stored);
    }
}
