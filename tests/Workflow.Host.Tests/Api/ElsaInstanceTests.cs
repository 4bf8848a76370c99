using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflow.Host.Tests.Api;

public sealed class ElsaInstanceTests(HostFactory host) : IClassFixture<HostFactory>
{
    private static JsonObject WriteLineWorkflow(string definitionId) => JsonNode.Parse("""
        {"definitionId":"DEFINITION_ID","name":"Run me","variables":[],"root":{"id":"root1","type":"Elsa.Flowchart","version":1,
         "activities":[
           {"id":"start1","type":"Elsa.Start","version":1},
           {"id":"wl1","type":"Elsa.WriteLine","version":1,"text":{"typeName":"String","expression":{"type":"Literal","value":"Hi"}}}],
         "connections":[{"source":{"activity":"start1","port":"Done"},"target":{"activity":"wl1","port":"In"},"vertices":[]}]}}
        """.Replace("DEFINITION_ID", definitionId))!.AsObject();

    [Fact]
    public async Task Run_starts_the_published_version_answers_the_instance_id_header_and_the_instance_reads_back()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        (await client.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = WriteLineWorkflow("run1"), ["publish"] = true }))
            .EnsureSuccessStatusCode();

        var run = await client.PostAsJsonAsync("/elsa/api/workflow-definitions/run1/execute", new { correlationId = "c-1" });
        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        var instanceId = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();

        var instance = JsonNode.Parse(await client.GetStringAsync($"/elsa/api/workflow-instances/{instanceId}"))!;
        instance["definitionId"]!.GetValue<string>().Should().Be("run1");
        instance["version"]!.GetValue<int>().Should().Be(1);
        instance["status"]!.GetValue<string>().Should().Be("Finished");
        instance["subStatus"]!.GetValue<string>().Should().Be("Finished");
        instance["correlationId"]!.GetValue<string>().Should().Be("c-1");
        instance["workflowState"]!["status"]!.GetValue<string>().Should().Be("Finished");
    }

    // Elsa.Workflows.Api/Endpoints/WorkflowDefinitions/Execute/Models.cs: the execute response is {workflowState}, whose
    // output holds what Elsa.SetOutput assigned; the instance read back carries it too.
    [Fact]
    public async Task Execute_returns_the_workflow_state_with_the_output_SetOutput_assigned()
    {
        using var client = await host.AsUserAsync(Roles.Admin);
        var model = WriteLineWorkflow("output1");
        model["root"]!["activities"]!.AsArray().Add(JsonNode.Parse("""
            {"id":"out1","type":"Elsa.SetOutput","outputName":{"typeName":"String","expression":{"type":"Literal","value":"total"}},
             "outputValue":{"typeName":"Object","expression":{"type":"JavaScript","value":"6 * 7"}}}
            """));
        model["root"]!["connections"]!.AsArray().Add(JsonNode.Parse("""{"source":{"activity":"wl1","port":"Done"},"target":{"activity":"out1","port":"In"}}"""));
        (await client.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true })).EnsureSuccessStatusCode();

        var run = await client.PostAsJsonAsync("/elsa/api/workflow-definitions/output1/execute", new { });
        run.StatusCode.Should().Be(HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        var body = JsonNode.Parse(await run.Content.ReadAsStringAsync())!;

        body["workflowState"]!["status"]!.GetValue<string>().Should().Be("Finished");
        body["workflowState"]!["output"]!.ToJsonString().Should().Be("""{"total":42}""");
        var instance = JsonNode.Parse(await client.GetStringAsync($"/elsa/api/workflow-instances/{body["workflowState"]!["id"]}"))!;
        instance["workflowState"]!["output"]!.ToJsonString().Should().Be("""{"total":42}""");
    }

    [Fact]
    public async Task A_definition_without_a_published_version_cannot_start_and_says_so_in_the_header()
    {
        using var client = await host.AsUserAsync(Roles.Admin);
        (await client.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = WriteLineWorkflow("draft-only"), ["publish"] = false }))
            .EnsureSuccessStatusCode();

        var run = await client.PostAsJsonAsync("/elsa/api/workflow-definitions/draft-only/execute", new { });
        await run.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        run.Headers.GetValues("x-elsa-workflow-cannot-start").Single().Should().Be("true");

        var latest = await client.PostAsJsonAsync("/elsa/api/workflow-definitions/draft-only/execute", new { versionOptions = "Latest" });
        latest.StatusCode.Should().Be(HttpStatusCode.OK, "the latest draft may be run explicitly");
    }

    [Fact]
    public async Task Unknown_definitions_and_instances_are_404_and_the_supervisor_may_not_run()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        await (await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/nope/execute", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await designer.GetAsync("/elsa/api/workflow-instances/nope")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        await (await supervisor.PostAsJsonAsync("/elsa/api/workflow-definitions/nope/execute", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_viewer_reads_the_journal_variables_executions_and_report_of_an_instance()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var model = WriteLineWorkflow("journal1");
        model["variables"] = JsonNode.Parse("""[{"id":"v1","name":"Greeting","typeName":"String","value":"hi"}]""");
        (await client.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true })).EnsureSuccessStatusCode();
        var run = await client.PostAsJsonAsync("/elsa/api/workflow-definitions/journal1/execute", new { });
        var id = run.Headers.GetValues("x-elsa-workflow-instance-id").Single();
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);

        var journal = JsonNode.Parse(await (await supervisor.PostAsJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=109", new { })).Content.ReadAsStringAsync())!;
        var events = journal["items"]!.AsArray().Select(i => $"{i!["activityId"]} {i["eventName"]}").ToList();
        events.Should().ContainInOrder("start1 Started", "start1 Completed", "wl1 Started", "wl1 Completed");
        journal["totalCount"]!.GetValue<int>().Should().Be(events.Count);
        var started = journal["items"]!.AsArray().First(i => i!["activityId"]!.GetValue<string>() == "wl1")!;
        started["activityInstanceId"]!.GetValue<string>().Should().Be(started["nodeId"] + "#1");

        var report = JsonNode.Parse(await (await supervisor.PostAsJsonAsync("/elsa/api/activity-executions/report",
            new { workflowInstanceId = id, activityNodeIds = new[] { started["nodeId"]!.GetValue<string>() } })).Content.ReadAsStringAsync())!;
        var stat = report["stats"]!.AsArray().Single()!;
        stat["startedCount"]!.GetValue<int>().Should().Be(1);
        stat["completedCount"]!.GetValue<int>().Should().Be(1);
        stat["uncompletedCount"]!.GetValue<int>().Should().Be(0);
        stat["isFaulted"]!.GetValue<bool>().Should().BeFalse();

        var nodeId = Uri.EscapeDataString(started["nodeId"]!.GetValue<string>());
        var executions = JsonNode.Parse(await supervisor.GetStringAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={id}&ActivityNodeId={nodeId}"))!;
        executions["items"]!.AsArray().Single()!["status"]!.GetValue<string>().Should().Be("Completed");
        var summaries = JsonNode.Parse(await supervisor.GetStringAsync($"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={id}&ActivityNodeId={nodeId}"))!;
        summaries["count"]!.GetValue<int>().Should().Be(1);

        var variables = JsonNode.Parse(await supervisor.GetStringAsync($"/elsa/api/workflow-instances/{id}/variables"))!;
        variables["items"]!.AsArray().Should().OnlyContain(v => v!["id"]!.GetValue<string>() == "v1" && v["name"]!.GetValue<string>() == "Greeting");
    }

    [Fact]
    public async Task Journal_routes_of_an_unknown_instance_are_404_and_executions_need_an_instance_id()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        await (await client.PostAsJsonAsync("/elsa/api/workflow-instances/nope/journal", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/elsa/api/workflow-instances/nope/variables")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/elsa/api/activity-executions/list")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync("/elsa/api/activity-executions/report", new { workflowInstanceId = "nope" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
