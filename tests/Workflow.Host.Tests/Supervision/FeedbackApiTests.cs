using System.Net;
using System.Net.Http.Json;
using System.Text;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Supervision;

/// <summary>
/// Ratings and complaints through the API and the pages (docs/feedback.md, docs/api.md "Ratings and complaints"): who may
/// do what (403), what another agent sees (404), the complaint's round trip with its notifications, and the dashboard's
/// figures of a day nobody else uses (Monday 6 July 2026).
/// </summary>
public sealed class FeedbackApiTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task An_agent_rates_a_finished_matter_once_and_a_complaint_goes_round_trip_with_no_cross_role_leak()
    {
        host.Clock.Set(Instant.FromUtc(2026, 7, 6, 2, 0));
        using var agent = await host.AsUserAsync(Roles.Agent);
        using var agent2 = await host.AsUserAsync("agent2");
        using var admin = await host.AsUserAsync(Roles.Admin);
        using var frontdesk = await host.AsUserAsync(Roles.FrontDesk);
        using var reviewer = await host.AsUserAsync(Roles.Reviewer);
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        var intake = (await admin.OpenStepAsync(caseId, "frontdesk")).Id();

        // Not finished yet: 422 naming caseId. Then the window refuses it, which closes the case.
        await (await agent.PostAsJsonAsync($"/api/cases/{caseId}/ratings", new { matter = "RF-002", stars = 5 })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await frontdesk.ActAsync(intake, new { outcome = "Refused", opinion = "不属于受理范围" });

        var bad = await (await agent.PostAsJsonAsync($"/api/cases/{caseId}/ratings", new { matter = "RF-002", stars = 9 })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        bad.GetProperty("errors").TryGetProperty("stars", out _).Should().BeTrue();
        var wrongType = await (await agent.PostAsync($"/api/cases/{caseId}/ratings", new StringContent("""{"matter":"RF-002","stars":"five"}""", Encoding.UTF8, "application/json")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        wrongType.GetProperty("errors").TryGetProperty("stars", out _).Should().BeTrue(wrongType.ToString());
        await (await agent2.PostAsJsonAsync($"/api/cases/{caseId}/ratings", new { matter = "RF-002", stars = 1 })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await supervisor.PostAsJsonAsync($"/api/cases/{caseId}/ratings", new { matter = "RF-002", stars = 1 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var rating = await (await agent.PostAsJsonAsync($"/api/cases/{caseId}/ratings", new { matter = "RF-002", stars = 4, comment = "人防审查很快" })).JsonAsync(HttpStatusCode.Created);
        rating.GetProperty("stars").GetInt32().Should().Be(4);
        await (await agent.PostAsJsonAsync($"/api/cases/{caseId}/ratings", new { matter = "RF-002", stars = 5 })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await supervisor.GetJsonAsync($"/api/cases/{caseId}/ratings")).GetArrayLength().Should().Be(1);
        await (await agent2.GetAsync($"/api/cases/{caseId}/ratings")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await reviewer.GetAsync($"/api/cases/{caseId}/ratings")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // A complaint about the window's step: only its agent and the supervisors see it.
        await (await agent2.PostAsJsonAsync("/api/complaints", new { caseId, stepId = intake, text = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await reviewer.PostAsJsonAsync("/api/complaints", new { caseId, stepId = intake, text = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var missing = await (await agent.PostAsJsonAsync("/api/complaints", new { caseId, text = "窗口态度差" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        missing.GetProperty("errors").TryGetProperty("stepId", out _).Should().BeTrue();
        var complaint = await (await agent.PostAsJsonAsync("/api/complaints", new { caseId, stepId = intake, text = "窗口态度差" })).JsonAsync(HttpStatusCode.Created);
        var id = complaint.GetProperty("id").GetInt64();
        complaint.Text("state").Should().Be("Open");
        complaint.Text("department").Should().Be("frontdesk");
        await (await agent2.GetAsync($"/api/complaints/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await agent2.PostAsync($"/api/complaints/{id}/close", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await agent2.GetJsonAsync("/api/complaints")).GetProperty("items").EnumerateArray().Should().NotContain(c => c.GetProperty("id").GetInt64() == id);
        await (await reviewer.GetAsync("/api/complaints")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await frontdesk.GetAsync($"/api/complaints/{id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await agent.PostAsync($"/api/complaints/{id}/take", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await supervisor.GetJsonAsync("/api/complaints?state=Open")).GetProperty("items").EnumerateArray().Should().Contain(c => c.GetProperty("id").GetInt64() == id);
        await (await supervisor.GetAsync("/api/complaints?state=Lost")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        (await supervisor.PostJsonAsync($"/api/complaints/{id}/take", new { })).Text("state").Should().Be("InHand");
        await (await supervisor.PostAsJsonAsync($"/api/complaints/{id}/take", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await supervisor.PostAsJsonAsync($"/api/complaints/{id}/answer", new { reply = "" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var answered = await supervisor.PostJsonAsync($"/api/complaints/{id}/answer", new { reply = "已约谈窗口人员" });
        (answered.Text("state"), answered.Text("handler"), answered.Text("reply")).Should().Be(("Answered", Roles.Supervisor, "已约谈窗口人员"));
        var notifications = await agent.GetJsonAsync("/api/notifications");
        notifications.GetProperty("items").EnumerateArray().Should().Contain(n => n.Text("kind") == "complaint-reply" && n.Text("caseId") == caseId);
        (await supervisor.GetJsonAsync("/api/notifications")).GetProperty("items").EnumerateArray().Should().Contain(n => n.Text("kind") == "complaint" && n.Text("caseId") == caseId);
        (await agent.PostJsonAsync($"/api/complaints/{id}/close", new { })).Text("state").Should().Be("Closed");

        // The dashboard of that day: rf's only rating is 4, the window's only complaint is this one (worked out above).
        var day = await supervisor.GetJsonAsync("/api/supervision/departments?from=2026-07-06&to=2026-07-06");
        var rf = day.GetProperty("departments").EnumerateArray().Single(d => d.Text("department") == "rf");
        var window = day.GetProperty("departments").EnumerateArray().Single(d => d.Text("department") == "frontdesk");
        rf.GetProperty("averageRating").GetDouble().Should().Be(4);
        window.GetProperty("complaints").GetInt32().Should().Be(1);
        day.GetProperty("overall").GetProperty("complaints").GetInt32().Should().Be(1);
        var drill = await supervisor.GetJsonAsync("/api/supervision/departments/frontdesk/complaints?from=2026-07-06&to=2026-07-06");
        drill.GetProperty("items").EnumerateArray().Select(i => i.Text("caseId")).Should().Equal(caseId);

        // The pages: the agent's feedback page, another agent's is 404, a reviewer's 403; the supervisors' list shows it.
        using var agentPages = await host.SignedInClientAsync(Roles.Agent);
        using var agent2Pages = await host.SignedInClientAsync("agent2");
        using var reviewerPages = await host.SignedInClientAsync(Roles.Reviewer);
        using var supervisorPages = await host.SignedInClientAsync(Roles.Supervisor);
        var page = await agentPages.GetStringAsync($"/cases/{caseId}/feedback");
        page.Should().Contain("data-stars=\"4\"").And.Contain($"data-complaint=\"{id}\"").And.Contain("id=\"complain\"");
        (await agent2Pages.GetAsync($"/cases/{caseId}/feedback")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await reviewerPages.GetAsync($"/cases/{caseId}/feedback")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await supervisorPages.GetStringAsync("/complaints")).Should().Contain($"data-complaint=\"{id}\"");
        (await agent2Pages.GetStringAsync("/complaints")).Should().NotContain($"data-complaint=\"{id}\"");
    }
}
