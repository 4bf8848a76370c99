using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tracking;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api;

/// <summary>A host with exactly one live case, on stage 4 (completion acceptance), filed by agent1 and still at intake.</summary>
public sealed class OneLiveCaseHost : HostFactory, IAsyncLifetime
{
    public const string StageFour = "stage-4-completion-acceptance";
    public string CaseId { get; private set; } = "";
    public string IntakeStepId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var agent = await AsUserAsync(Roles.Agent);
        using var admin = await AsUserAsync(Roles.Admin);
        CaseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.CompletionAcceptance)).Id();
        IntakeStepId = (await admin.OpenStepAsync(CaseId, "frontdesk")).Id();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Safe changes (docs/studio.md): what live cases use is neither deleted nor retracted (409 naming the count; Elsa's
/// Delete, Retract, BulkDelete, BulkRetract and DeleteVersion endpoints would go ahead), the cases keep moving, and a
/// Studio run is a test instance that no inbox or case list shows.
/// </summary>
public sealed class ElsaSafeChangesTests(OneLiveCaseHost host) : IClassFixture<OneLiveCaseHost>
{
    private static async Task<JsonElement> ShouldBeRefusedForOneCaseAsync(HttpResponseMessage response)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("liveInstances").GetInt32().Should().Be(1, "one case runs on stage 4");
        problem.GetProperty("detail").GetString().Should().Contain("1 个运行中的实例").And.Contain("1 running instance");
        problem.GetProperty("errors").GetProperty("dependents").EnumerateArray().Should().NotBeEmpty("the Studio shows the texts under errors");
        var dependent = problem.GetProperty("dependents").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "instances");
        dependent.GetProperty("definitionId").GetString().Should().Be(OneLiveCaseHost.StageFour);
        dependent.GetProperty("count").GetInt32().Should().Be(1);
        return problem;
    }

    [Fact]
    public async Task Delete_retract_and_their_bulk_forms_are_409_naming_the_live_case_count_and_the_case_still_moves()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        var published = await designer.GetJsonAsync($"/elsa/api/workflow-definitions/by-definition-id/{OneLiveCaseHost.StageFour}?versionOptions=Published");

        await ShouldBeRefusedForOneCaseAsync(await designer.DeleteAsync($"/elsa/api/workflow-definitions/{OneLiveCaseHost.StageFour}"));
        await ShouldBeRefusedForOneCaseAsync(await designer.PostAsJsonAsync($"/elsa/api/workflow-definitions/{OneLiveCaseHost.StageFour}/retract", new { }));
        await ShouldBeRefusedForOneCaseAsync(await designer.DeleteAsync($"/elsa/api/workflow-definition-versions/{published.Id()}"));
        await ShouldBeRefusedForOneCaseAsync(await designer.PostAsJsonAsync("/elsa/api/bulk-actions/delete/workflow-definitions/by-id", new { ids = new[] { published.Id() } }));
        // A bulk action with one definition in use changes nothing, not even the free ones.
        await ShouldBeRefusedForOneCaseAsync(await designer.PostAsJsonAsync("/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id",
            new { definitionIds = new[] { "stage-3-construction-permit", OneLiveCaseHost.StageFour } }));
        await ShouldBeRefusedForOneCaseAsync(await designer.PostAsJsonAsync("/elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids",
            new { definitionIds = new[] { "stage-3-construction-permit", OneLiveCaseHost.StageFour } }));

        foreach (var id in new[] { OneLiveCaseHost.StageFour, "stage-3-construction-permit" })
            (await designer.GetJsonAsync($"/elsa/api/workflow-definitions/by-definition-id/{id}?versionOptions=Published")).GetProperty("isPublished").GetBoolean()
                .Should().BeTrue($"{id} is still published");

        using var frontdesk = await host.AsUserAsync(Roles.FrontDesk);
        await frontdesk.ActAsync(host.IntakeStepId, new { outcome = "Accepted" });
        using var admin = await host.AsUserAsync(Roles.Admin);
        (await admin.GetJsonAsync($"/api/cases/{host.CaseId}")).Text("state").Should().Be("InReview", "the case moved on after every refused change");
    }

    [Fact]
    public async Task Without_live_instances_retract_and_delete_work_as_in_elsa()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        await designer.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = ElsaStudioRoutesTests.Hello("free-wf"), ["publish"] = true });

        (await designer.PostJsonAsync("/elsa/api/workflow-definitions/free-wf/retract", new { })).GetProperty("isPublished").GetBoolean().Should().BeFalse();
        (await designer.DeleteAsync("/elsa/api/workflow-definitions/free-wf")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/free-wf")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_designers_test_runs_are_not_counted_as_cases_and_are_deleted_with_their_definition()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);

        // Stage 4 has one case; a test run beside it is not a second one.
        var stageRun = await designer.PostAsJsonAsync($"/elsa/api/workflow-definitions/{OneLiveCaseHost.StageFour}/execute", new { });
        stageRun.StatusCode.Should().Be(HttpStatusCode.OK, await stageRun.Content.ReadAsStringAsync());
        var refused = await ShouldBeRefusedForOneCaseAsync(await designer.PostAsJsonAsync($"/elsa/api/workflow-definitions/{OneLiveCaseHost.StageFour}/retract", new { }));
        refused.GetProperty("detail").GetString().Should().NotContain("2 个运行中的实例");

        // A copy of stage 1 with only a waiting test run: retract and delete go ahead, and the test run goes with the definition.
        var model = JsonNode.Parse((await designer.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/stage-1-project-approval?versionOptions=Published")).GetRawText())!.AsObject();
        foreach (var storeField in new[] { "id", "version", "isLatest", "isPublished", "links" }) model.Remove(storeField);
        model["definitionId"] = "stage-1-designer-copy";
        model["name"] = "立项审批（设计副本）";
        await designer.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });
        var run = await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/stage-1-designer-copy/execute", new { });
        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        var testRunId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        (await designer.GetJsonAsync($"/elsa/api/workflow-instances/{testRunId}")).GetProperty("status").GetString().Should().Be("Running", "the test run waits at intake");

        var retract = await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/stage-1-designer-copy/retract", new { });
        retract.StatusCode.Should().Be(HttpStatusCode.OK, "a test run is no case: " + await retract.Content.ReadAsStringAsync());
        (await designer.GetJsonAsync($"/elsa/api/workflow-instances/{testRunId}")).GetProperty("status").GetString().Should().Be("Running", "a retract leaves the test run on its stored version");
        var delete = await designer.DeleteAsync("/elsa/api/workflow-definitions/stage-1-designer-copy");
        delete.StatusCode.Should().Be(HttpStatusCode.NoContent, await delete.Content.ReadAsStringAsync());
        await (await designer.GetAsync($"/elsa/api/workflow-instances/{testRunId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await designer.PostJsonAsync("/elsa/api/workflow-instances", new { isTest = true, definitionIds = new[] { "stage-1-designer-copy" } }))
            .GetProperty("totalCount").GetInt32().Should().Be(0, "no test run is left on a deleted definition");
    }

    [Fact]
    public async Task Running_a_permit_workflow_from_the_studio_makes_a_test_instance_no_inbox_or_case_list_shows()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        using var admin = await host.AsUserAsync(Roles.Admin);
        using var frontdesk = await host.AsUserAsync(Roles.FrontDesk);
        var cases = host.Services.GetRequiredService<CaseQueries>();
        var casesBefore = (await cases.ListAsync(new CaseFilter(), 1, 500)).TotalCount;
        var inboxBefore = (await frontdesk.GetJsonAsync("/api/inbox")).GetProperty("totalCount").GetInt32();

        var run = await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/stage-1-project-approval/execute", new { });
        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        var instanceId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();

        var instance = await designer.GetJsonAsync($"/elsa/api/workflow-instances/{instanceId}");
        instance.GetProperty("isTest").GetBoolean().Should().BeTrue();
        instance.GetProperty("workflowState").GetProperty("bookmarks").GetArrayLength().Should().Be(2, "the intake waits for the clerk and for its intake deadline (docs/domain.md, The intake clock)");
        (await frontdesk.GetJsonAsync("/api/inbox")).GetProperty("totalCount").GetInt32().Should().Be(inboxBefore, "the front desk's queue did not grow");
        (await admin.GetJsonAsync("/api/inbox")).GetProperty("items").EnumerateArray()
            .Should().NotContain(s => s.GetProperty("caseId").GetString() == instanceId);
        (await cases.ListAsync(new CaseFilter(), 1, 500)).TotalCount.Should().Be(casesBefore, "no case row, so no case list or supervision figure counts it");
        await (await admin.GetAsync($"/api/cases/{instanceId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var tests = await designer.PostJsonAsync("/elsa/api/workflow-instances", new { isTest = true, pageSize = 50 });
        tests.GetProperty("items").EnumerateArray().Should().Contain(i => i.Id() == instanceId);
        var deleted = await designer.PostJsonAsync("/elsa/api/bulk-actions/delete/workflow-instances/by-id", new { ids = new[] { instanceId } });
        deleted.GetProperty("deleted").GetInt32().Should().Be(1);
        await (await designer.GetAsync($"/elsa/api/workflow-instances/{instanceId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_production_case_is_listed_but_neither_cancelled_nor_deleted_from_the_studio()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        var list = await designer.PostJsonAsync("/elsa/api/workflow-instances", new { definitionIds = new[] { OneLiveCaseHost.StageFour }, statuses = new[] { "Running" } });
        list.GetProperty("items").EnumerateArray().Select(i => i.Id()).Should().Contain(host.CaseId);

        var refused = await (await designer.DeleteAsync($"/elsa/api/workflow-instances/{host.CaseId}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("productionInstances").EnumerateArray().Select(e => e.GetString()).Should().Equal(host.CaseId);
        await (await designer.PostAsJsonAsync($"/elsa/api/cancel/workflow-instances/{host.CaseId}", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await designer.PostAsJsonAsync("/elsa/api/bulk-actions/cancel/workflow-instances", new { ids = new[] { host.CaseId } })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await designer.GetJsonAsync($"/elsa/api/workflow-instances/{host.CaseId}")).GetProperty("status").GetString().Should().Be("Running");
    }
}
