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

        (await rf.GetJsonAsync("/api/supervision/urgings")).EnumerateArray().Should().BeEmpty();
        (await zjj.GetJsonAsync("/api/supervision/urgings")).EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).Should().Contain(id);
        (await zjj.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray()
            .Should().Contain(n => n.GetProperty("kind").GetString() == "urging" && n.GetProperty("data").GetProperty("notice").GetString() == id.ToString());

        (await rf.PostAsJsonAsync($"/api/supervision/urgings/{id}/reply", new { reply = "不是我们的" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var replied = await (await zjj.PostAsJsonAsync($"/api/supervision/urgings/{id}/reply", new { reply = "已安排，明日办结" })).JsonAsync(HttpStatusCode.OK);
        replied.GetProperty("repliedBy").GetString().Should().Be("reviewer-zjj");
        (await zjj.PostAsJsonAsync($"/api/supervision/urgings/{id}/reply", new { reply = "再次回复" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var all = (await supervisor.GetJsonAsync("/api/supervision/urgings")).EnumerateArray().Single(u => u.GetProperty("id").GetInt64() == id);
        all.GetProperty("reply").GetString().Should().Be("已安排，明日办结");
        (await supervisor.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray()
            .Should().Contain(n => n.GetProperty("kind").GetString() == "urging-reply");

        // Both are on the case's audit trail, with who did them (docs/audit.md).
        var audit = (await supervisor.GetJsonAsync($"/api/cases/{_host.CaseId}/audit")).EnumerateArray().ToList();
        audit.Should().ContainSingle(e => e.GetProperty("action").GetString() == "urging.issued" && e.GetProperty("actor").GetString() == "supervisor");
        audit.Should().ContainSingle(e => e.GetProperty("action").GetString() == "urging.replied" && e.GetProperty("actor").GetString() == "reviewer-zjj"
            && e.GetProperty("stepId").GetString() == _host.StepId);
    }
}
