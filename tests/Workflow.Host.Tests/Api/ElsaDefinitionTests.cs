using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workflow.Testing;

namespace Workflow.Host.Tests.Api;

/// <summary>The definition routes of the Elsa API over the engine's store: versioning per docs/persistence.md, shapes per docs/studio.md.</summary>
public sealed class ElsaDefinitionTests(HostFactory host) : IClassFixture<HostFactory>
{
    private static JsonObject Definition(string definitionId, string text = "Hello") => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = "Probe " + definitionId,
        ["variables"] = new JsonArray(),
        ["customProperties"] = new JsonObject { ["VariableTestValues"] = new JsonObject() },
        ["root"] = new JsonObject
        {
            ["id"] = "root1", ["nodeId"] = "Workflow1:root1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray
            {
                new JsonObject
                {
                    ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1,
                    ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 10, ["y"] = 20 } } },
                },
                new JsonObject
                {
                    ["id"] = "wl1", ["type"] = "Elsa.WriteLine", ["version"] = 1,
                    ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text }, ["memoryReference"] = new JsonObject { ["id"] = "wl1:input-1" } },
                },
            },
            ["connections"] = new JsonArray
            {
                new JsonObject { ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "wl1", ["port"] = "In" }, ["vertices"] = new JsonArray() },
            },
        },
    };

    private static async Task<JsonObject> SaveAsync(HttpClient client, JsonObject model, bool publish, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = publish });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync("/elsa/api" + path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static IEnumerable<string?> Rels(JsonNode? links) => links!.AsArray().Select(l => l!["rel"]!.GetValue<string>());

    [Fact]
    public async Task Save_publish_and_save_again_follow_the_versioning_rules()
    {
        using var client = await host.AsUserAsync(Roles.Designer);

        var draft = (await SaveAsync(client, Definition("ver1"), publish: false))["workflowDefinition"]!;
        draft["version"]!.GetValue<int>().Should().Be(1);
        draft["isPublished"]!.GetValue<bool>().Should().BeFalse();
        draft["isLatest"]!.GetValue<bool>().Should().BeTrue();
        Rels(draft["links"]).Should().Contain("publish");

        var published = (await SaveAsync(client, Definition("ver1", "v1"), publish: true))["workflowDefinition"]!;
        published["version"]!.GetValue<int>().Should().Be(1, "publishing publishes the latest draft under its number");
        published["isPublished"]!.GetValue<bool>().Should().BeTrue();

        var next = (await SaveAsync(client, Definition("ver1", "v2"), publish: false))["workflowDefinition"]!;
        next["version"]!.GetValue<int>().Should().Be(2, "saving while the latest is published creates v+1 as a draft");

        (await GetAsync(client, "/workflow-definitions/by-definition-id/ver1?versionOptions=Published"))["version"]!.GetValue<int>().Should().Be(1);
        var latest = await GetAsync(client, "/workflow-definitions/by-definition-id/ver1?versionOptions=Latest");
        latest["version"]!.GetValue<int>().Should().Be(2);
        latest["root"]!["activities"]![1]!["text"]!["expression"]!["value"]!.GetValue<string>().Should().Be("v2");
        (await GetAsync(client, "/workflow-definitions/by-definition-id/ver1?versionOptions=1"))["version"]!.GetValue<int>().Should().Be(1);

        var history = await GetAsync(client, "/workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds=ver1&OrderBy=Version&OrderDirection=Descending");
        history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()).Should().Equal(2, 1);
        history["totalCount"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task The_saved_model_comes_back_unchanged_apart_from_version_facts_and_node_ids()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var model = Definition("lossless");
        await SaveAsync(client, model.DeepClone().AsObject(), publish: false);

        var loaded = await GetAsync(client, "/workflow-definitions/by-definition-id/lossless?versionOptions=Latest");
        loaded["root"]!["activities"]![0]!["metadata"]!.ToJsonString().Should().Be(model["root"]!["activities"]![0]!["metadata"]!.ToJsonString());
        loaded["root"]!["activities"]![1]!["text"]!.ToJsonString().Should().Be(model["root"]!["activities"]![1]!["text"]!.ToJsonString());
        loaded["root"]!["activities"]![0]!["nodeId"]!.GetValue<string>().Should().Be("Workflow1:root1:start", "the editor needs node ids");
        loaded["customProperties"]!.ToJsonString().Should().Be(model["customProperties"]!.ToJsonString());
    }

    [SharedFolderFact]
    public async Task The_captured_studio_save_round_trips_losslessly()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var captured = JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFolder.Require(), "studio", "captured-example-save.json")))!.AsObject();
        var model = captured["model"]!.AsObject();
        model["definitionId"] = "captured";
        var saved = (await SaveAsync(client, model.DeepClone().AsObject(), publish: false))["workflowDefinition"]!.AsObject();

        var resaved = (await SaveAsync(client, saved.DeepClone().AsObject(), publish: false))["workflowDefinition"]!.AsObject();
        foreach (var key in new[] { "root", "variables", "customProperties", "options", "inputs", "outputs", "outcomes", "toolVersion" })
            resaved[key]!.ToJsonString().Should().Be(model[key]!.ToJsonString(), key);
    }

    [Fact]
    public async Task An_invalid_definition_is_kept_as_a_draft_and_its_publish_is_refused_with_400_errors()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var bad = Definition("broken");
        bad["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "x", ["type"] = "No.Such.Activity", ["version"] = 1 });

        var problem = await SaveAsync(client, bad, publish: true, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().Should().NotBeEmpty();
        problem["errors"]!.ToJsonString().Should().Contain("No.Such.Activity");

        var stored = await GetAsync(client, "/workflow-definitions/by-definition-id/broken?versionOptions=Latest");
        stored["isPublished"]!.GetValue<bool>().Should().BeFalse();
        var publish = await client.PostAsync("/elsa/api/workflow-definitions/broken/publish", null);
        await publish.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Publish_retract_and_delete()
    {
        using var client = await host.AsUserAsync(Roles.Admin);
        await SaveAsync(client, Definition("life"), publish: false);

        var published = JsonNode.Parse(await (await client.PostAsync("/elsa/api/workflow-definitions/life/publish", null)).Content.ReadAsStringAsync())!;
        published["workflowDefinition"]!["isPublished"]!.GetValue<bool>().Should().BeTrue();
        var again = JsonNode.Parse(await (await client.PostAsync("/elsa/api/workflow-definitions/life/publish", null)).Content.ReadAsStringAsync())!;
        again["alreadyPublished"]!.GetValue<bool>().Should().BeTrue();

        var retracted = await client.PostAsJsonAsync("/elsa/api/workflow-definitions/life/retract", new { });
        retracted.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await retracted.Content.ReadAsStringAsync())!["isPublished"]!.GetValue<bool>().Should().BeFalse();

        (await client.DeleteAsync("/elsa/api/workflow-definitions/life")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await client.GetAsync("/elsa/api/workflow-definitions/by-definition-id/life")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync("/elsa/api/workflow-definitions/life")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_supervisor_reads_definitions_without_the_links_that_make_the_editor_writable()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        await SaveAsync(designer, Definition("readonly"), publish: false);
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);

        var loaded = await GetAsync(supervisor, "/workflow-definitions/by-definition-id/readonly?versionOptions=Latest");
        Rels(loaded["links"]).Should().NotContain("publish");
        loaded["isReadonly"]!.GetValue<bool>().Should().BeTrue();
        var list = await GetAsync(supervisor, "/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending");
        Rels(list["links"]).Should().NotContain("bulk-publish");
        var designerList = await GetAsync(designer, "/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending");
        Rels(designerList["links"]).Should().Contain("bulk-publish");
        await (await supervisor.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = Definition("readonly"), publish = false }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_list_pages_latest_versions_with_search()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        for (var i = 0; i < 3; i++)
            await SaveAsync(client, Definition($"paged-{i}"), publish: false);

        var first = await GetAsync(client, "/workflow-definitions?versionOptions=Latest&Page=0&PageSize=2&SearchTerm=paged-");
        first["totalCount"]!.GetValue<int>().Should().Be(3);
        first["items"]!.AsArray().Should().HaveCount(2);
        var second = await GetAsync(client, "/workflow-definitions?versionOptions=Latest&Page=1&PageSize=2&SearchTerm=paged-");
        second["items"]!.AsArray().Should().HaveCount(1);
        var item = second["items"]![0]!.AsObject();
        item.Select(p => p.Key).Should().Contain(["id", "definitionId", "name", "description", "version", "isLatest", "isPublished", "createdAt", "materializerName", "isMaterializerAvailable", "links"]);

        await (await client.GetAsync("/elsa/api/workflow-definitions?PageSize=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Activity_descriptors_come_from_the_engine_and_include_the_flowchart_and_core_activities()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var descriptors = await GetAsync(client, "/descriptors/activities?Refresh=True");
        var types = descriptors["items"]!.AsArray().Select(d => d!["typeName"]!.GetValue<string>()).ToList();
        types.Should().Contain(["Elsa.Flowchart", "Elsa.Start", "Elsa.End", "Elsa.WriteLine", "Elsa.FlowJoin", "Elsa.FlowDecision"]);
        var writeLine = descriptors["items"]!.AsArray().Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.WriteLine")!;
        writeLine["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Should().Contain("Done");
    }

    [Fact]
    public async Task A_save_without_a_model_is_400_naming_the_model()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var response = await client.PostAsJsonAsync("/elsa/api/workflow-definitions", new { publish = true });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("model", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Export_then_import_under_another_id_restores_the_definition()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        await SaveAsync(client, Definition("exported", "from export"), publish: true);

        var export = await client.GetAsync("/elsa/api/workflow-definitions/exported/export?versionOptions=Published");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentDisposition!.FileName.Should().Contain(".json");
        var file = JsonNode.Parse(await export.Content.ReadAsStringAsync())!.AsObject();
        file["isPublished"]!.GetValue<bool>().Should().BeTrue();
        file.ContainsKey("links").Should().BeFalse();

        file["definitionId"] = "imported";
        var import = await client.PostAsync("/elsa/api/workflow-definitions/import",
            new StringContent(file.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        var body = await import.Content.ReadAsStringAsync();
        import.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var imported = JsonNode.Parse(body)!;
        imported["definitionId"]!.GetValue<string>().Should().Be("imported");
        imported["isPublished"]!.GetValue<bool>().Should().BeTrue("the file said it was published");
        imported["root"]!.ToJsonString().Should().Be(file["root"]!.ToJsonString());
    }

    [Fact]
    public async Task Import_refuses_what_is_not_a_definition_and_the_supervisor_may_export_but_not_import()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        var notJson = await designer.PostAsync("/elsa/api/workflow-definitions/import", new StringContent("{nope", System.Text.Encoding.UTF8, "application/json"));
        (await notJson.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("body", out _).Should().BeTrue();
        var noRoot = await designer.PostAsync("/elsa/api/workflow-definitions/import", new StringContent("""{"definitionId":"x"}""", System.Text.Encoding.UTF8, "application/json"));
        await noRoot.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await SaveAsync(designer, Definition("to-export"), publish: false);

        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        (await supervisor.GetAsync("/elsa/api/workflow-definitions/to-export/export")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await supervisor.PostAsync("/elsa/api/workflow-definitions/import", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await (await supervisor.GetAsync("/elsa/api/workflow-definitions/missing/export")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
