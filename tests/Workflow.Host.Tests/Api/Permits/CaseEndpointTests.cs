using System.Net;
using System.Net.Http.Json;
using NodaTime;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

public sealed class CaseEndpointTests(HostFactory host) : IClassFixture<HostFactory>
{
    private async Task<(string CaseId, HttpClient Agent, HttpClient Admin)> AcceptedStageTwoAsync()
    {
        var agent = await host.AsUserAsync("agent1");
        var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var projectId = await agent.CreateProjectAsync();
        var caseId = (await agent.ApplyAsync(projectId, Stage.EngineeringConstructionPermit, PermitApiDriver.FiveOfStageTwo)).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        return (caseId, agent, admin);
    }

    [Fact]
    public async Task An_accepted_case_shows_both_clocks_its_open_steps_and_a_timeline_of_case_and_workflow_events()
    {
        var (caseId, agent, admin) = await AcceptedStageTwoAsync();
        using (agent) using (admin)
        {
            var file = await agent.GetJsonAsync($"/api/cases/{caseId}");

            file.Text("state").Should().Be("InReview");
            var clocks = file.GetProperty("clocks");
            clocks.GetProperty("statutory").GetProperty("remainingWorkingDays").GetDouble().Should().Be(30.0);
            clocks.GetProperty("statutory").Text("remainingText").Should().Be("还剩 30.0 个工作日");
            clocks.GetProperty("promised").GetProperty("limit").GetInt32().Should().Be(15);
            clocks.GetProperty("promised").Text("due").Should().EndWith("T17:30:00+08:00", "due at the end of office hours, in the jurisdiction's offset");
            clocks.GetProperty("statutory").Text("level").Should().Be("Normal");
            clocks.GetProperty("suspended").GetBoolean().Should().BeFalse();
            clocks.GetProperty("statutory").TryGetProperty("provisional", out _).Should().BeTrue();
            file.GetProperty("openSteps").EnumerateArray().Select(s => s.Text("department")).Should().BeEquivalentTo(["zrzy", "rf", "sw", "qx", "yjgl"]);
            var timeline = file.GetProperty("timeline").EnumerateArray().ToList();
            timeline.Should().Contain(t => t.Text("source") == "case" && t.Text("event") == "Accepted");
            timeline.Should().Contain(t => t.Text("source") == "workflow" && t.Text("event") == "BookmarkCreated");
            timeline.Select(t => t.Text("at")).Should().BeInAscendingOrder(StringComparer.Ordinal);
        }
    }

    [Fact]
    public async Task A_supplement_request_stops_the_clocks_and_the_agents_resubmission_reopens_the_step()
    {
        var (caseId, agent, admin) = await AcceptedStageTwoAsync();
        using (agent) using (admin)
        {
            using var rf = await host.AsUserAsync("reviewer-rf");
            var step = await admin.OpenStepAsync(caseId, "rf");
            host.Clock.Advance(Duration.FromHours(1));
            var answer = await rf.ActAsync(step.Id(), new
            {
                outcome = "SupplementRequested", opinion = "请补充计算书",
                missingMaterials = new[] { new { code = "RF-001-DESIGN", reason = "缺少防护单元计算书" } },
            });
            answer.GetProperty("step").Text("state").Should().Be("WaitingForSupplement");

            var waiting = await agent.GetJsonAsync($"/api/cases/{caseId}");
            waiting.GetProperty("clocks").GetProperty("suspended").GetBoolean().Should().BeTrue();
            waiting.GetProperty("notices").EnumerateArray().Should().ContainSingle()
                .Which.GetProperty("items")[0].Text("materialCode").Should().Be("RF-001-DESIGN");
            waiting.GetProperty("suspensions").GetArrayLength().Should().Be(1);

            host.Clock.Advance(Duration.FromHours(1));
            var resubmitted = await agent.PostJsonAsync($"/api/cases/{caseId}/materials", new { materials = new[] { "RF-001-DESIGN" } });
            resubmitted.GetProperty("openSteps").EnumerateArray().Single(s => s.Id() == step.Id()).Text("state").Should().Be("Open");
            resubmitted.GetProperty("clocks").GetProperty("suspended").GetBoolean().Should().BeFalse();
            resubmitted.GetProperty("timeline").EnumerateArray().Should().Contain(t => t.Text("event") == "Resubmitted");
        }
    }

    [Fact]
    public async Task Supplying_bad_material_lists_is_a_problem_naming_materials()
    {
        var (caseId, agent, admin) = await AcceptedStageTwoAsync();
        using (agent) using (admin)
        {
            var empty = await (await agent.PostAsJsonAsync($"/api/cases/{caseId}/materials", new { materials = Array.Empty<string>() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            empty.GetProperty("errors").TryGetProperty("materials", out _).Should().BeTrue();
            var wrongType = await (await agent.PostAsJsonAsync($"/api/cases/{caseId}/materials", new { materials = new[] { 1, 2 } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            wrongType.GetProperty("errors").EnumerateObject().Single().Name.Should().StartWith("materials");
            var foreign = await (await agent.PostAsJsonAsync($"/api/cases/{caseId}/materials", new { materials = new[] { "ZJJ-001-FUNDS" } })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
            foreign.GetProperty("errors").GetProperty("materials")[0].GetString().Should().Contain("ZJJ-001-FUNDS");
        }
    }

    [Fact]
    public async Task A_waived_material_becomes_a_commitment_that_the_agents_materials_fulfil()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var projectId = await agent.CreateProjectAsync();
        var caseId = (await agent.ApplyAsync(projectId, Stage.ConstructionPermit, null, "ZJJ-001-FUNDS")).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "AcceptedWithWaiver", commitmentSigned = true });

        var commitment = (await agent.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("commitments").EnumerateArray().Single();
        commitment.Text("material").Should().Be("ZJJ-001-FUNDS");
        commitment.GetProperty("fulfilled").GetBoolean().Should().BeFalse();
        commitment.Text("due").Should().EndWith("+08:00");

        var after = await agent.PostJsonAsync($"/api/cases/{caseId}/materials", new { materials = new[] { "ZJJ-001-FUNDS" } });
        after.GetProperty("commitments")[0].GetProperty("fulfilled").GetBoolean().Should().BeTrue();
        after.GetProperty("missingMaterials").GetArrayLength().Should().Be(0);
    }
}
