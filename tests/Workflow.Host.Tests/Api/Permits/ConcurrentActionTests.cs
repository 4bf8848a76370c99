using System.Net;
using System.Net.Http.Json;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>docs/api.md: two actions on one step, the first wins and the second is 409; actions on different steps of one case never fail because of each other.</summary>
public sealed class ConcurrentActionTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Two_simultaneous_actions_on_one_step_one_wins_the_other_is_409()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        var stepId = (await admin.OpenStepAsync(caseId, "frontdesk")).Id();

        var answers = await Task.WhenAll(
            frontdesk.PostAsJsonAsync($"/api/steps/{stepId}/actions", new { outcome = "Accepted" }),
            admin.PostAsJsonAsync($"/api/steps/{stepId}/actions", new { outcome = "Refused", opinion = "材料不符" }));

        answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        var state = (await winner.JsonAsync(HttpStatusCode.OK)).Text("caseState");
        var file = await admin.GetJsonAsync($"/api/cases/{caseId}");
        file.Text("state").Should().Be(state);
        file.GetProperty("timeline").EnumerateArray().Count(t => t.Text("event") == "StepCompleted").Should().Be(1);
    }

    [Fact]
    public async Task Simultaneous_opinions_on_the_steps_of_one_joint_review_all_succeed()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        var departments = new[] { "yjgl", "rf", "zrzy", "qx", "sw" };
        var steps = new List<string>();
        foreach (var department in departments) steps.Add((await admin.OpenStepAsync(caseId, department, "JointOpinion")).Id());
        var reviewers = new List<HttpClient>();
        foreach (var department in departments) reviewers.Add(await host.AsUserAsync($"reviewer-{department}"));

        var answers = await Task.WhenAll(reviewers.Select((client, i) => client.PostAsJsonAsync($"/api/steps/{steps[i]}/actions", new { outcome = "Agree" })));

        foreach (var answer in answers)
            answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var file = await admin.GetJsonAsync($"/api/cases/{caseId}");
        file.GetProperty("steps").EnumerateArray().Where(s => s.Text("kind") == "JointOpinion").Should().OnlyContain(s => s.Text("state") == "Completed");
        file.GetProperty("openSteps").EnumerateArray().Should().ContainSingle().Which.Text("kind").Should().Be("JointConsolidation");
        reviewers.ForEach(r => r.Dispose());
    }
}
