using System.Net;
using System.Net.Http.Json;
using System.Text;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

public sealed class ProjectEndpointTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task An_agent_registers_a_project_and_gets_201_with_its_location()
    {
        using var agent = await host.AsUserAsync("agent1");
        var response = await agent.PostAsJsonAsync("/api/projects", new
        {
            code = "2025-330100-47-01-000001", name = "城西综合体", enterprise = "杭州城西建设有限公司", kind = "GovernmentInvested", greenChannel = true,
        });

        var project = await response.JsonAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/projects/{project.Id()}");
        project.Text("agent").Should().Be("agent1");
        project.Text("kind").Should().Be("GovernmentInvested");
        project.GetProperty("greenChannel").GetBoolean().Should().BeTrue();
        project.Text("createdAt").Should().Be("2025-09-26T10:00:00+08:00", "instants carry the jurisdiction's offset");
        (await agent.GetJsonAsync(response.Headers.Location.ToString())).GetProperty("project").Id().Should().Be(project.Id());
    }

    [Fact]
    public async Task The_list_is_paged_searchable_and_an_agent_sees_only_their_own_projects()
    {
        using var agent1 = await host.AsUserAsync("agent1");
        using var agent2 = await host.AsUserAsync("agent2");
        using var supervisor = await host.AsUserAsync("supervisor");
        var marker = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 3; i++) await agent1.CreateProjectAsync(name: $"列表项目 {marker} {i}");
        await agent2.CreateProjectAsync(name: $"列表项目 {marker} agent2");

        var page = await agent1.GetJsonAsync($"/api/projects?search={marker}&page=1&pageSize=2");
        page.GetProperty("totalCount").GetInt32().Should().Be(3);
        page.GetProperty("items").GetArrayLength().Should().Be(2);
        (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()).Should().Be((1, 2));
        (await agent1.GetJsonAsync($"/api/projects?search={marker}&page=2&pageSize=2")).GetProperty("items").GetArrayLength().Should().Be(1);
        (await agent2.GetJsonAsync($"/api/projects?search={marker}")).GetProperty("totalCount").GetInt32().Should().Be(1);
        (await supervisor.GetJsonAsync($"/api/projects?search={marker}")).GetProperty("totalCount").GetInt32().Should().Be(4);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=1.5", "pageSize")]
    public async Task Paging_out_of_range_is_400_naming_the_parameter(string query, string field)
    {
        using var agent = await host.AsUserAsync("agent1");
        var problem = await (await agent.GetAsync($"/api/projects?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Theory]
    [InlineData("""{"name": "n", "enterprise": "e"}""", "code")]
    [InlineData("""{"code": "c", "name": " ", "enterprise": "e"}""", "name")]
    [InlineData("""{"code": "c", "name": "n", "enterprise": "e", "kind": "Skyscraper"}""", "kind")]
    [InlineData("""{"code": 42, "name": "n", "enterprise": "e"}""", "code")]
    [InlineData("""{"code": "c", "name": "n", "enterprise": "e", "greenChannel": "yes"}""", "greenChannel")]
    [InlineData("""{"code": "c", "name": "n", """, "body")]
    [InlineData("""[1, 2]""", "body")]
    public async Task A_bad_body_is_400_problem_details_naming_the_field(string body, string field)
    {
        using var agent = await host.AsUserAsync("agent1");
        var response = await agent.PostAsync("/api/projects", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_taken_code_or_an_unknown_prior_approval_is_422_naming_the_field()
    {
        using var agent = await host.AsUserAsync("agent1");
        var code = "DUP-" + Guid.NewGuid().ToString("N")[..8];
        await agent.PostJsonAsync("/api/projects", new { code, name = "n", enterprise = "e" }, HttpStatusCode.Created);

        var taken = await (await agent.PostAsJsonAsync("/api/projects", new { code, name = "n", enterprise = "e" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        taken.GetProperty("errors").GetProperty("code")[0].GetString().Should().Contain("已登记");
        var unknown = await (await agent.PostAsJsonAsync("/api/projects", new { code = code + "x", name = "n", enterprise = "e", priorApprovals = new[] { "XX-9" } }))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        unknown.GetProperty("errors").GetProperty("priorApprovals")[0].GetString().Should().Contain("XX-9");
    }

    [Fact]
    public async Task The_detail_is_a_grid_of_every_stage_and_its_matters_with_the_case_its_clocks_and_what_is_missing()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var admin = await host.AsUserAsync("admin");
        var projectId = await agent.CreateProjectAsync();
        var filed = await agent.ApplyAsync(projectId, Stage.ConstructionPermit, null, "ZJJ-001-FUNDS");
        var intake = await admin.OpenStepAsync(filed.Id(), "frontdesk");
        await frontdesk.ActAsync(intake.Id(), new { outcome = "AcceptedWithWaiver", commitmentSigned = true });

        var detail = await agent.GetJsonAsync($"/api/projects/{projectId}");

        detail.GetProperty("cases").GetArrayLength().Should().Be(1);
        var stages = detail.GetProperty("stages").EnumerateArray().ToList();
        stages.Select(s => s.Text("stage")).Should().Equal("ProjectApprovalAndLandUse", "EngineeringConstructionPermit", "ConstructionPermit", "CompletionAcceptance");
        stages[0].GetProperty("matters").EnumerateArray().Should().OnlyContain(m => m.GetProperty("caseId").ValueKind == System.Text.Json.JsonValueKind.Null);
        stages[1].GetProperty("matters").EnumerateArray().Single(m => m.Text("code") == "ZRZY-003").GetProperty("priorApproval").GetBoolean().Should().BeTrue();
        var permit = stages[2].GetProperty("matters").EnumerateArray().Single(m => m.Text("code") == "ZJJ-001");
        permit.Text("caseId").Should().Be(filed.Id());
        permit.Text("caseState").Should().Be("InReview");
        permit.GetProperty("caseClocks").GetProperty("statutory").GetProperty("remainingWorkingDays").GetDouble().Should().Be(30.0);
        permit.GetProperty("caseClocks").GetProperty("promised").GetProperty("remainingWorkingDays").GetDouble().Should().Be(15.0);
        permit.GetProperty("caseClocks").GetProperty("promised").Text("level").Should().Be("Normal");
        permit.GetProperty("missing").EnumerateArray().Select(m => m.Text("code")).Should().Equal("ZJJ-001-FUNDS");
        var quality = stages[2].GetProperty("matters").EnumerateArray().Single(m => m.Text("code") == "ZJJ-003");
        quality.Text("stepState").Should().Be("Open", "the parallel review opened a step for the matter");
        quality.GetProperty("stepClocks").GetProperty("statutory").GetProperty("limit").GetInt32().Should().Be(5);
    }
}
