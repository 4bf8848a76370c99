using System.Net;
using System.Net.Http.Json;
using System.Text;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

public sealed class StepEndpointTests(HostFactory host) : IClassFixture<HostFactory>
{
    /// <summary>A new stage-4 case of agent1, still at intake; answers its intake step id.</summary>
    private async Task<(string CaseId, string StepId)> IntakeAsync()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        return (caseId, (await admin.OpenStepAsync(caseId, "frontdesk")).Id());
    }

    private static HttpRequestMessage Action(string stepId, object body, string? ifMatch = null, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/steps/{stepId}/actions") { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task A_step_answers_with_its_version_as_ETag_and_the_outcomes_it_offers()
    {
        var (_, stepId) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");

        var response = await frontdesk.GetAsync($"/api/steps/{stepId}");

        var step = await response.JsonAsync(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be($"\"{step.GetProperty("version").GetInt32()}\"");
        step.Text("kind").Should().Be("Intake");
        step.GetProperty("outcomes").EnumerateArray().Select(o => o.GetString()).Should().Equal("Accepted", "AcceptedWithWaiver", "SupplementRequired", "Refused");
    }

    [Fact]
    public async Task A_stale_If_Match_is_409_and_changes_nothing_the_current_one_acts()
    {
        var (caseId, stepId) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var etag = (await frontdesk.GetAsync($"/api/steps/{stepId}")).Headers.ETag!.Tag;

        await (await frontdesk.SendAsync(Action(stepId, new { outcome = "Accepted" }, ifMatch: "\"999\""))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await frontdesk.GetJsonAsync($"/api/cases/{caseId}")).Text("state").Should().Be("Submitted");
        var bad = await (await frontdesk.SendAsync(Action(stepId, new { outcome = "Accepted" }, ifMatch: "yesterday"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("If-Match", out _).Should().BeTrue();

        var response = await frontdesk.SendAsync(Action(stepId, new { outcome = "Accepted" }, ifMatch: etag));
        var answer = await response.JsonAsync(HttpStatusCode.OK);
        answer.Text("caseState").Should().Be("InReview");
        answer.GetProperty("step").Text("outcome").Should().Be("Accepted");
        response.Headers.ETag!.Tag.Should().NotBe(etag);
    }

    [Fact]
    public async Task A_missing_or_foreign_outcome_is_400_on_the_outcome_field_in_the_users_language_and_changes_nothing()
    {
        // The rule is the domain's (StepActionRules.CheckOutcome); the Host only renders its code (docs/api.md, Languages).
        var (caseId, stepId) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");

        var missing = await (await frontdesk.SendAsync(Action(stepId, new { opinion = "无" }))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var foreign = Action(stepId, new { outcome = "Approved" });
        foreign.Headers.AcceptLanguage.ParseAdd("en");
        var wrong = await (await frontdesk.SendAsync(foreign)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        missing.GetProperty("errors").GetProperty("outcome")[0].GetString().Should()
            .Be("请选择办理结果，须为以下之一：Accepted, AcceptedWithWaiver, SupplementRequired, Refused");
        wrong.GetProperty("errors").GetProperty("outcome")[0].GetString().Should()
            .Be("'Approved' is not an outcome of a Intake step: one of Accepted, AcceptedWithWaiver, SupplementRequired, Refused");
        (await frontdesk.GetJsonAsync($"/api/cases/{caseId}")).Text("state").Should().Be("Submitted");
    }

    [Fact]
    public async Task Two_actions_on_one_step_the_first_wins_the_second_is_409()
    {
        var (_, stepId) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");
        await frontdesk.ActAsync(stepId, new { outcome = "Accepted" });
        var second = await (await frontdesk.PostAsJsonAsync($"/api/steps/{stepId}/actions", new { outcome = "Refused", opinion = "迟了" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        second.GetProperty("detail").GetString().Should().Be("此环节已办结");
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_answers_the_first_answer_again_and_acts_once()
    {
        var (caseId, stepId) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var key = Guid.NewGuid().ToString();

        var first = await frontdesk.SendAsync(Action(stepId, new { outcome = "Accepted" }, key: key));
        var firstBody = await first.Content.ReadAsStringAsync();
        var again = await frontdesk.SendAsync(Action(stepId, new { outcome = "Accepted" }, key: key));
        var againBody = await again.Content.ReadAsStringAsync();

        first.StatusCode.Should().Be(HttpStatusCode.OK, firstBody);
        again.StatusCode.Should().Be(HttpStatusCode.OK, againBody);
        againBody.Should().Be(firstBody);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        var file = await frontdesk.GetJsonAsync($"/api/cases/{caseId}");
        file.GetProperty("timeline").EnumerateArray().Count(t => t.Text("event") == "StepCompleted" && t.Text("stepId") == stepId).Should().Be(1, "applied once");
        file.GetProperty("steps").EnumerateArray().Count(s => s.Text("kind") == "Intake").Should().Be(1);

        var other = await (await frontdesk.SendAsync(Action(stepId, new { outcome = "Refused", opinion = "不同的请求" }, key: key)))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        other.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
        using var admin = await host.AsUserAsync("admin");
        await admin.SendAsync(Action(stepId, new { outcome = "Accepted" }, key: key)).ContinueWith(t => t.Result.StatusCode.Should().Be(HttpStatusCode.Conflict,
            "the key is scoped to its user: the admin's request with the same key is a new action on a closed step"));
    }

    [Theory]
    [InlineData("""{"outcome": "Accepted", """, "body")]
    [InlineData("""{"outcome": 3}""", "outcome")]
    [InlineData("""{"opinion": "ok"}""", "outcome")]
    [InlineData("""{"outcome": "Approved"}""", "outcome")]
    [InlineData("""{"outcome": "SupplementRequired", "missingMaterials": [{"reason": "x"}]}""", "missingMaterials[0].code")]
    [InlineData("""{"outcome": "Accepted", "conditions": "all"}""", "conditions")]
    [InlineData("""{"outcome": "AcceptedWithWaiver", "commitmentSigned": "yes"}""", "commitmentSigned")]
    [InlineData("""null""", "body")]
    public async Task A_bad_action_body_is_400_naming_the_field(string body, string field)
    {
        var (_, stepId) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var response = await frontdesk.PostAsync($"/api/steps/{stepId}/actions", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task The_second_intake_round_warns_in_the_step_view_and_on_the_page_which_materials_would_be_repeated_returns()
    {
        // Round 1: the window marks one material defective; every other material was present and not named (docs/supervision.md, Repeated returns).
        var (caseId, round1) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var admin = await host.AsUserAsync("admin");
        var codes = (await frontdesk.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("materials").EnumerateArray().Select(m => m.Text("code")).Distinct().ToList();
        codes.Should().HaveCountGreaterThan(1);
        (await frontdesk.GetJsonAsync($"/api/steps/{round1}")).GetProperty("repeatedReturnRisks").GetArrayLength().Should().Be(0);
        var answer = await (await frontdesk.PostAsJsonAsync($"/api/steps/{round1}/actions",
            new { outcome = "SupplementRequired", missingMaterials = new[] { new { code = codes[0], reason = "复印件不清晰" } } })).JsonAsync(HttpStatusCode.OK);
        var noticeAt = answer.GetProperty("step").Text("completedAt");
        var round2 = (await admin.OpenStepAsync(caseId, "frontdesk")).Id();

        var risks = (await frontdesk.GetJsonAsync($"/api/steps/{round2}")).GetProperty("repeatedReturnRisks").EnumerateArray().ToList();

        risks.Select(r => r.Text("materialCode")).Should().Equal(codes.Skip(1));
        risks.Should().OnlyContain(r => r.Text("unchallengedAt") == noticeAt);
        using var frontdeskPages = await host.SignedInClientAsync("frontdesk");
        var page = await frontdeskPages.GetStringAsync($"/steps/{round2}");
        page.Should().Contain("id=\"repeat-warning\"");
        foreach (var code in codes) page.Contains($"data-repeat=\"{code}\"").Should().Be(code != codes[0], code);
    }

    [Fact]
    public async Task A_broken_rule_is_422_naming_the_field_and_nothing_is_applied()
    {
        var (caseId, stepId) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var problem = await (await frontdesk.PostAsJsonAsync($"/api/steps/{stepId}/actions", new { outcome = "Refused" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").TryGetProperty("opinion", out _).Should().BeTrue();
        (await frontdesk.GetJsonAsync($"/api/cases/{caseId}")).Text("state").Should().Be("Submitted");
    }

    [Fact]
    public async Task Joint_opinions_and_the_consolidation_go_through_the_actions_endpoint_up_to_the_issued_result()
    {
        var (caseId, intakeId) = await IntakeAsync();
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var admin = await host.AsUserAsync("admin");
        using var agent = await host.AsUserAsync("agent1");
        await frontdesk.ActAsync(intakeId, new { outcome = "Accepted" });
        var lead = await admin.OpenStepAsync(caseId, "zjj", "JointConsolidation");
        using var zjj = await host.AsUserAsync("reviewer-zjj");

        var early = await (await zjj.PostAsJsonAsync($"/api/steps/{lead.Id()}/actions", new { outcome = "Passed" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        early.GetProperty("detail").GetString().Should().StartWith("尚待").And.Contain("出具意见");

        foreach (var department in new[] { "yjgl", "rf", "zrzy", "qx", "sw" })
        {
            using var reviewer = await host.AsUserAsync($"reviewer-{department}");
            var opinion = await admin.OpenStepAsync(caseId, department, "JointOpinion");
            var body = department == "rf" ? (object)new { outcome = "AgreeWithConditions", conditions = new[] { "完善防护门标识" } } : new { outcome = "Agree" };
            await reviewer.ActAsync(opinion.Id(), body);
        }
        var wrong = await (await zjj.PostAsJsonAsync($"/api/steps/{lead.Id()}/actions", new { outcome = "Passed" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        wrong.GetProperty("errors").TryGetProperty("outcome", out _).Should().BeTrue(wrong.ToString());

        var answer = await zjj.ActAsync(lead.Id(), new { outcome = "PassedWithConditions", opinion = "同意通过，附条件", conditions = new[] { "完善防护门标识" } });

        answer.Text("caseState").Should().Be("Issued");
        answer.GetProperty("result").Text("certificateNumber").Should().NotBeNullOrEmpty();
        var file = await agent.GetJsonAsync($"/api/cases/{caseId}");
        file.GetProperty("opinions").GetArrayLength().Should().BeGreaterThanOrEqualTo(6);
        file.GetProperty("openSteps").GetArrayLength().Should().Be(0);
        file.GetProperty("timeline").EnumerateArray().Last(t => t.Text("source") == "case").Text("event").Should().Be("ResultIssued");
    }
}
