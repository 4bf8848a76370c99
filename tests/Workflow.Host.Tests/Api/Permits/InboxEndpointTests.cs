using System.Net;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

public sealed class InboxEndpointTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Each_role_gets_its_inbox_green_channel_first_then_by_promised_due()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var zjj = await host.AsUserAsync("reviewer-zjj");
        using var scjg = await host.AsUserAsync("reviewer-scjg");
        using var supervisor = await host.AsUserAsync("supervisor");
        var plain = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit)).Id();
        var green = (await agent.ApplyAsync(await agent.CreateProjectAsync(greenChannel: true, name: "重点项目"), Stage.ConstructionPermit)).Id();

        var intake = await frontdesk.GetJsonAsync("/api/inbox");
        intake.GetProperty("items").EnumerateArray().Should().OnlyContain(s => s.Text("kind") == "Intake" && s.Text("department") == "frontdesk");
        intake.GetProperty("items").EnumerateArray().Select(s => s.Text("caseId")).Should().Equal(green, plain);
        intake.GetProperty("items")[0].Text("projectName").Should().Be("重点项目");

        foreach (var caseId in new[] { plain, green })
            await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });

        var mine = await zjj.GetJsonAsync("/api/inbox");
        mine.GetProperty("items").EnumerateArray().Should().OnlyContain(s => s.Text("department") == "zjj");
        mine.GetProperty("items").EnumerateArray().Select(s => s.Text("caseId")).Distinct().Should().Equal(green, plain);
        var dues = mine.GetProperty("items").EnumerateArray().Where(s => s.Text("caseId") == plain).Select(s => s.Text("promisedDue")).ToList();
        dues.Should().BeInAscendingOrder(StringComparer.Ordinal);
        (await scjg.GetJsonAsync("/api/inbox")).GetProperty("totalCount").GetInt32().Should().Be(2);
        (await frontdesk.GetJsonAsync("/api/inbox")).GetProperty("totalCount").GetInt32().Should().Be(0);

        var all = await supervisor.GetJsonAsync("/api/inbox?pageSize=1");
        all.GetProperty("totalCount").GetInt32().Should().Be(mine.GetProperty("totalCount").GetInt32() + 2);
        all.GetProperty("items").GetArrayLength().Should().Be(1);
        (await supervisor.GetJsonAsync("/api/inbox?department=scjg")).GetProperty("totalCount").GetInt32().Should().Be(2);
        (await admin.GetJsonAsync("/api/inbox?department=zjj")).GetProperty("totalCount").GetInt32().Should().Be(mine.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_reviewer_asking_for_another_departments_inbox_is_403_and_an_unknown_department_400()
    {
        using var zjj = await host.AsUserAsync("reviewer-zjj");
        using var supervisor = await host.AsUserAsync("supervisor");
        await (await zjj.GetAsync("/api/inbox?department=fgw")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await zjj.GetJsonAsync("/api/inbox?department=zjj")).GetProperty("page").GetInt32().Should().Be(1);
        var problem = await (await supervisor.GetAsync("/api/inbox?department=nasa")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("department", out _).Should().BeTrue();
        var paging = await (await supervisor.GetAsync("/api/inbox?pageSize=1000")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        paging.GetProperty("errors").TryGetProperty("pageSize", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Agents_get_403()
    {
        using var agent = await host.AsUserAsync("agent2");
        await (await agent.GetAsync("/api/inbox")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
