using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Persistence;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Testing;

namespace Workflow.Host.Tests.Api.Bindings;

/// <summary><c>/api/bindings</c> (docs/api.md): the seeded bindings, binding a new workflow for green-channel projects, refusals in both languages, the audit.</summary>
public sealed class BindingEndpointTests(HostFactory host) : IClassFixture<HostFactory>
{
    private static readonly string[] GreenMatters = ["ZJJ-002", "SCJG-001"];

    [Fact]
    public async Task The_four_stages_start_bound_to_their_shipped_workflows()
    {
        using var admin = await host.AsUserAsync(Roles.Admin);
        var items = (await admin.GetJsonAsync("/api/bindings")).GetProperty("items").EnumerateArray().ToList();
        items.Select(i => (i.Text("scope"), i.Text("definitionId"), i.GetProperty("publishedVersion").GetInt32(), i.Text("changedBy"))).Should().Contain(
        [
            ("ProjectApprovalAndLandUse", "stage-1-project-approval", 1, "system"), ("EngineeringConstructionPermit", "stage-2-engineering-permit", 1, "system"),
            ("ConstructionPermit", "stage-3-construction-permit", 1, "system"), ("CompletionAcceptance", "stage-4-completion-acceptance", 1, "system"),
        ]);
        items.Single(i => i.Text("scope") == "CompletionAcceptance").Text("stageName").Should().Be("竣工验收");
    }

    [Fact]
    public async Task A_green_channel_binding_sends_green_projects_to_the_new_workflow_and_the_case_shows_it()
    {
        var id = "green-api-" + Guid.NewGuid().ToString("N")[..6];
        await host.Services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync(id, "绿色通道施工许可", null, SmallFlow.Json(id, GreenMatters), publish: true);
        using var admin = await host.AsUserAsync(Roles.Admin);
        using var agent = await host.AsUserAsync(Roles.Agent);

        var bound = await (await admin.PutAsJsonAsync("/api/bindings", new { stage = "ConstructionPermit", projectKind = "GreenChannel", definitionId = id }))
            .JsonAsync(HttpStatusCode.OK);
        bound.Text("scope").Should().Be("ConstructionPermit/kind:GreenChannel");
        bound.Text("changedBy").Should().Be(Roles.Admin);
        try
        {
            var green = await agent.ApplyAsync(await agent.CreateProjectAsync(greenChannel: true), Stage.ConstructionPermit, GreenMatters);
            var plain = await agent.ApplyAsync(await agent.CreateProjectAsync(greenChannel: false), Stage.ConstructionPermit, GreenMatters);

            var workflow = (await agent.GetJsonAsync($"/api/cases/{green.Id()}")).GetProperty("workflow");
            (workflow.Text("definitionId"), workflow.GetProperty("version").GetInt32(), workflow.Text("name"), workflow.Text("binding"))
                .Should().Be((id, 1, "绿色通道施工许可", "ConstructionPermit/kind:GreenChannel"));
            plain.GetProperty("workflow").Text("definitionId").Should().Be("stage-3-construction-permit");

            var change = (await admin.GetJsonAsync("/api/bindings/changes")).GetProperty("items").EnumerateArray().First();
            (change.Text("scopeKey"), change.GetProperty("before").ValueKind, change.Text("after"), change.Text("actor"))
                .Should().Be(("ConstructionPermit/kind:GreenChannel", System.Text.Json.JsonValueKind.Null, id, Roles.Admin));
        }
        finally
        {
            (await admin.DeleteAsync("/api/bindings?stage=ConstructionPermit&projectKind=GreenChannel")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        (await admin.GetJsonAsync("/api/bindings/changes")).GetProperty("items")[0].GetProperty("after").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "the removal is audited");
    }

    [Fact]
    public async Task A_workflow_without_intake_is_refused_with_422_naming_the_field_in_Chinese_or_English()
    {
        var id = "no-intake-" + Guid.NewGuid().ToString("N")[..6];
        await host.Services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync(id, id, null, SmallFlow.Json(id, GreenMatters, withIntake: false), publish: true);
        using var admin = await host.AsUserAsync(Roles.Admin);
        var body = new { stage = "ConstructionPermit", definitionId = id };

        var zh = await (await admin.PutAsJsonAsync("/api/bindings", body)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        zh.GetProperty("errors").GetProperty("definitionId")[0].GetString().Should().Be($"工作流 {id} 没有一窗受理（Permits.Intake）活动，无法受理申请");
        // The API's language is the request's Accept-Language (docs/api.md, Languages).
        using var english = new HttpRequestMessage(HttpMethod.Put, "/api/bindings") { Content = JsonContent.Create(body) };
        english.Headers.AcceptLanguage.ParseAdd("en-GB");
        var en = await (await admin.SendAsync(english)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        en.GetProperty("errors").GetProperty("definitionId")[0].GetString().Should().Be($"workflow {id} has no intake activity (Permits.Intake), so it could never receive an application");
        en.GetProperty("title").GetString().Should().Be("The binding cannot be made; nothing was changed.");

        var stageWide = await (await admin.DeleteAsync("/api/bindings?stage=ConstructionPermit")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        stageWide.GetProperty("errors").TryGetProperty("stage", out _).Should().BeTrue();
        var noStage = await (await admin.PutAsJsonAsync("/api/bindings", new { definitionId = id })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        noStage.GetProperty("errors").TryGetProperty("stage", out _).Should().BeTrue();
        (await admin.GetJsonAsync("/api/bindings")).GetProperty("items").EnumerateArray().Single(i => i.Text("scope") == "ConstructionPermit")
            .Text("definitionId").Should().Be("stage-3-construction-permit", "nothing was changed");
    }

    /// <summary>Issue 9 found 500 here (re-checked: the runtime's "no published version" escaped as a 500).</summary>
    [Fact]
    public async Task Applying_for_a_stage_whose_workflow_was_retracted_is_a_503_problem_naming_the_stage_not_a_500()
    {
        using var own = new HostFactory();
        using var agent = await own.AsUserAsync(Roles.Agent);
        var projectId = await agent.CreateProjectAsync();
        // As the Studio's retract does (a binding check may refuse it there; the store is what the Studio would call).
        await own.Services.GetRequiredService<IWorkflowDefinitionStore>().RetractAsync("stage-4-completion-acceptance");

        var response = await agent.PostAsJsonAsync($"/api/projects/{projectId}/applications?culture=en",
            new { stage = "CompletionAcceptance", materials = PermitApiDriver.MaterialsOf(Stage.CompletionAcceptance) });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("stage").GetString().Should().Be("CompletionAcceptance");
        problem.GetProperty("detail").GetString().Should().Contain("「竣工验收」阶段", "the API answers in Chinese without Accept-Language").And.Contain("stage-4-completion-acceptance");
        (await agent.PostAsJsonAsync($"/api/projects/{projectId}/applications",
            new { stage = "ConstructionPermit", materials = PermitApiDriver.MaterialsOf(Stage.ConstructionPermit) })).StatusCode.Should().Be(HttpStatusCode.Created, "other stages still work");
    }
}
