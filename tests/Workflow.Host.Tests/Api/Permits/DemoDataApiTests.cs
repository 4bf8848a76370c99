using System.Net;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>The API answers every seeded project, case and open step (all stages and states), and each agent sees only their own.</summary>
public sealed class DemoDataApiTests(DemoHost host) : IClassFixture<DemoHost>
{
    [Fact]
    public async Task Every_demo_project_case_and_open_step_answers_200_to_the_admin()
    {
        using var admin = await host.AsUserAsync("admin");
        var projects = await admin.GetJsonAsync("/api/projects?pageSize=500");
        projects.GetProperty("totalCount").GetInt32().Should().BeGreaterThanOrEqualTo(30);

        var states = new HashSet<string>();
        foreach (var project in projects.GetProperty("items").EnumerateArray())
        {
            var detail = await admin.GetJsonAsync($"/api/projects/{project.Id()}");
            foreach (var summary in detail.GetProperty("cases").EnumerateArray())
                states.Add((await admin.GetJsonAsync($"/api/cases/{summary.Id()}")).Text("state"));
        }
        states.Should().Contain(["Submitted", "InReview", "Issued"]);

        var inbox = await admin.GetJsonAsync("/api/inbox?pageSize=500");
        inbox.GetProperty("totalCount").GetInt32().Should().BePositive();
        foreach (var step in inbox.GetProperty("items").EnumerateArray())
            await admin.GetJsonAsync($"/api/steps/{step.Id()}");
    }

    [Fact]
    public async Task Agents_see_only_their_own_demo_projects_and_not_the_others()
    {
        using var agent1 = await host.AsUserAsync("agent1");
        using var agent2 = await host.AsUserAsync("agent2");
        var mine = await agent1.GetJsonAsync("/api/projects?pageSize=500");
        var theirs = await agent2.GetJsonAsync("/api/projects?pageSize=500");

        mine.GetProperty("items").EnumerateArray().Should().OnlyContain(p => p.Text("agent") == "agent1");
        theirs.GetProperty("items").EnumerateArray().Should().OnlyContain(p => p.Text("agent") == "agent2");
        var other = theirs.GetProperty("items")[0].Id();
        await (await agent1.GetAsync($"/api/projects/{other}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
