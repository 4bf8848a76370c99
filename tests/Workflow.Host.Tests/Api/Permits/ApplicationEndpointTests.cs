using System.Net;
using System.Net.Http.Json;
using System.Text;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

public sealed class ApplicationEndpointTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task Applying_starts_the_stage_workflow_and_answers_201_with_the_case_at_intake()
    {
        using var agent = await host.AsUserAsync("agent1");
        var projectId = await agent.CreateProjectAsync();

        var response = await agent.PostAsJsonAsync($"/api/projects/{projectId}/applications",
            new { stage = "CompletionAcceptance", materials = PermitApiDriver.MaterialsOf(Stage.CompletionAcceptance, null, "ZJJ-004-ARCHIVE") });

        var file = await response.JsonAsync(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be($"/api/cases/{file.Id()}");
        file.Text("state").Should().Be("Submitted");
        file.Text("stageName").Should().Be("竣工验收");
        file.GetProperty("clocks").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "nothing counts before acceptance");
        file.GetProperty("missingMaterials").EnumerateArray().Select(m => m.Text("code")).Should().Equal("ZJJ-004-ARCHIVE");
        file.GetProperty("openSteps").EnumerateArray().Should().ContainSingle().Which.Text("kind").Should().Be("Intake");
        file.GetProperty("timeline").EnumerateArray().First().Text("event").Should().Be("Submitted");
    }

    [Fact]
    public async Task A_stage_given_by_number_is_400_naming_it()
    {
        // Enum values are names only (issue #15: a number was read as the member at that position).
        using var agent = await host.AsUserAsync("agent1");
        var projectId = await agent.CreateProjectAsync();
        var problem = await (await agent.PostAsJsonAsync($"/api/projects/{projectId}/applications",
            new { stage = 3, materials = PermitApiDriver.MaterialsOf(Stage.ConstructionPermit) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("stage", out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"materials": []}""", HttpStatusCode.BadRequest, "stage")]
    [InlineData("""{"stage": "Demolition", "materials": []}""", HttpStatusCode.BadRequest, "stage")]
    [InlineData("""{"stage": "CompletionAcceptance", "materials": "APP"}""", HttpStatusCode.BadRequest, "materials")]
    [InlineData("""{"stage": "CompletionAcceptance", "materials": [""]}""", HttpStatusCode.BadRequest, "materials")]
    [InlineData("""{"stage": "CompletionAcceptance", "materials": ["NOPE"]}""", HttpStatusCode.UnprocessableEntity, "materials")]
    [InlineData("""{"stage": "CompletionAcceptance", "matters": ["ZJJ-001"], "materials": []}""", HttpStatusCode.UnprocessableEntity, "matters")]
    [InlineData("""{"stage": 9, "materials": []}""", HttpStatusCode.BadRequest, "stage")]
    public async Task A_bad_application_is_a_problem_naming_the_field(string body, HttpStatusCode status, string field)
    {
        using var agent = await host.AsUserAsync("agent1");
        var projectId = await agent.CreateProjectAsync();
        var response = await agent.PostAsync($"/api/projects/{projectId}/applications", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ShouldBeProblemAsync(status);
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_prerequisite_not_approved_yet_is_422_naming_it()
    {
        using var agent = await host.AsUserAsync("agent1");
        var project = await agent.PostJsonAsync("/api/projects", new { code = "NP-" + Guid.NewGuid().ToString("N")[..8], name = "n", enterprise = "e" }, HttpStatusCode.Created);
        var problem = await (await agent.PostAsJsonAsync($"/api/projects/{project.Id()}/applications",
            new { stage = "ConstructionPermit", materials = PermitApiDriver.MaterialsOf(Stage.ConstructionPermit) })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").GetProperty("matters")[0].GetString().Should().Contain("ZRZY-003");
    }

    [Fact]
    public async Task Another_agents_project_is_404_and_nothing_is_filed()
    {
        using var agent1 = await host.AsUserAsync("agent1");
        using var agent2 = await host.AsUserAsync("agent2");
        var projectId = await agent1.CreateProjectAsync();

        await (await agent2.PostAsJsonAsync($"/api/projects/{projectId}/applications", new { stage = "CompletionAcceptance", materials = Array.Empty<string>() }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await agent1.GetJsonAsync($"/api/projects/{projectId}")).GetProperty("cases").GetArrayLength().Should().Be(0);
    }
}
