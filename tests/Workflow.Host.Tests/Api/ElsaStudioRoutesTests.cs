using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Api;

/// <summary>
/// The routes Elsa Studio 3.8.2 calls while creating, editing, publishing, reverting and browsing (docs/studio.md), with
/// the request and answer shapes of Elsa's endpoints (WorkflowDefinitions/IsNameUnique, Count, GetManyById,
/// Version/Revert, ImportFiles, BulkPublish, BulkDelete, Export; WorkflowInstances/List, Export).
/// </summary>
public sealed class ElsaStudioRoutesTests(HostFactory host) : IClassFixture<HostFactory>
{
    /// <summary>Start → WriteLine <paramref name="text"/>, as the Studio saves it.</summary>
    public static JsonObject Hello(string definitionId, string text = "Hello", string? name = null) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = name ?? "Hello " + definitionId,
        ["root"] = new JsonObject
        {
            ["id"] = "root1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray
            {
                new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1 },
                new JsonObject { ["id"] = "wl1", ["type"] = "Elsa.WriteLine", ["version"] = 1, ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text } } },
            },
            ["connections"] = new JsonArray
            {
                new JsonObject { ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "wl1", ["port"] = "In" } },
            },
        },
    };

    private static Task<JsonElement> SaveAsync(HttpClient client, JsonObject model, bool publish) =>
        client.PostJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = publish });

    [Theory]
    [InlineData("a/b")]
    [InlineData("../x")]
    [InlineData("<script>")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    [InlineData("long")]
    public async Task An_invalid_definition_id_is_400_in_the_studios_error_shape_and_nothing_is_stored(string id)
    {
        if (id == "long") id = new string('a', 10_000);
        using var designer = await host.AsUserAsync(Roles.Designer);

        var problem = await (await designer.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Hello(id), ["publish"] = false }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("definitionId").EnumerateArray().Select(e => e.GetString()).Should().Contain(m => m!.Contains("无效")).And.Contain(m => m!.Contains("not valid"));
        await (await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/import", Hello(id))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var count = await designer.GetJsonAsync("/elsa/api/workflow-definitions?versionOptions=Latest&PageSize=500");
        count.GetProperty("items").EnumerateArray().Should().NotContain(d => d.GetProperty("definitionId").GetString() == id);
    }

    [Fact]
    public async Task Is_name_unique_count_and_many_by_id_answer_as_elsa()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        var saved = (await SaveAsync(designer, Hello("unique-a", name: "唯一的名字"), publish: false)).GetProperty("workflowDefinition");

        (await designer.GetJsonAsync("/elsa/api/workflow-definitions/validation/is-name-unique?name=%E5%94%AF%E4%B8%80%E7%9A%84%E5%90%8D%E5%AD%97")).GetProperty("isUnique").GetBoolean().Should().BeFalse();
        (await designer.GetJsonAsync("/elsa/api/workflow-definitions/validation/is-name-unique?name=%E5%94%AF%E4%B8%80%E7%9A%84%E5%90%8D%E5%AD%97&definitionId=unique-a")).GetProperty("isUnique").GetBoolean().Should().BeTrue("its own name");
        (await designer.GetJsonAsync("/elsa/api/workflow-definitions/validation/is-name-unique?name=Workflow%201")).GetProperty("isUnique").GetBoolean().Should().BeTrue();

        var listed = (await designer.GetJsonAsync("/elsa/api/workflow-definitions?versionOptions=Latest&PageSize=500")).GetProperty("totalCount").GetInt32();
        (await designer.GetJsonAsync("/elsa/api/workflow-definitions/query/count")).GetProperty("count").GetInt32().Should().Be(listed);

        var many = await designer.GetJsonAsync($"/elsa/api/workflow-definitions/many-by-id?ids={saved.Id()}&ids=no-such-version");
        many.GetProperty("count").GetInt32().Should().Be(1);
        many.GetProperty("items")[0].GetProperty("definitionId").GetString().Should().Be("unique-a");
    }

    [Fact]
    public async Task Revert_makes_an_old_versions_content_the_latest_draft()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        await SaveAsync(designer, Hello("revert-wf", "first"), publish: true);
        await SaveAsync(designer, Hello("revert-wf", "second"), publish: true);

        var reverted = await designer.PostJsonAsync("/elsa/api/workflow-definitions/revert-wf/revert/1", new { });

        reverted.GetProperty("version").GetInt32().Should().Be(3);
        reverted.GetProperty("isPublished").GetBoolean().Should().BeFalse();
        var latest = await designer.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/revert-wf?versionOptions=Latest");
        latest.GetProperty("root").GetProperty("activities")[1].GetProperty("text").GetProperty("expression").GetProperty("value").GetString().Should().Be("first");
        await (await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/revert-wf/revert/9", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Import_files_takes_json_files_and_zips_and_bulk_export_writes_a_zip_it_reads_back()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new StringContent(Hello("imported-a").ToJsonString(), Encoding.UTF8, "application/json"), "files", "a.json");
            form.Add(new StringContent(Hello("imported-b").ToJsonString(), Encoding.UTF8, "application/json"), "files", "b.json");
            (await (await designer.PostAsync("/elsa/api/workflow-definitions/import-files", form)).JsonAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32().Should().Be(2);
        }

        var export = await designer.PostAsJsonAsync("/elsa/api/bulk-actions/export/workflow-definitions", new { definitionIds = new[] { "imported-a", "imported-b" } });
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        var zip = await export.Content.ReadAsByteArrayAsync();
        using (var archive = new ZipArchive(new MemoryStream(zip)))
            archive.Entries.Select(e => e.Name).Should().BeEquivalentTo("imported-a-v1.json", "imported-b-v1.json");

        (await designer.PostJsonAsync("/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", new { definitionIds = new[] { "imported-a", "imported-b", "never-there" } }))
            .GetProperty("deleted").GetInt32().Should().Be(2);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent(zip), "files", "workflow-definitions.zip");
            (await (await designer.PostAsync("/elsa/api/workflow-definitions/import-files", form)).JsonAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32().Should().Be(2);
        }
        (await designer.GetJsonAsync("/elsa/api/workflow-definitions/by-definition-id/imported-b")).GetProperty("name").GetString().Should().Be("Hello imported-b");
    }

    [Fact]
    public async Task Bulk_publish_publishes_valid_drafts_and_lists_the_others()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        await SaveAsync(designer, Hello("bulk-draft"), publish: false);
        await SaveAsync(designer, Hello("bulk-published"), publish: true);

        var answer = await designer.PostJsonAsync("/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids",
            new { definitionIds = new[] { "bulk-draft", "bulk-published", "bulk-missing" } });

        answer.GetProperty("published").EnumerateArray().Select(e => e.GetString()).Should().Equal("bulk-draft");
        answer.GetProperty("alreadyPublished").EnumerateArray().Select(e => e.GetString()).Should().Equal("bulk-published");
        answer.GetProperty("notFound").EnumerateArray().Select(e => e.GetString()).Should().Equal("bulk-missing");
    }

    [Fact]
    public async Task The_instance_list_filters_pages_and_exports()
    {
        using var designer = await host.AsUserAsync(Roles.Designer);
        await SaveAsync(designer, Hello("list-wf"), publish: true);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            host.Clock.Advance(NodaTime.Duration.FromMinutes(1));
            var run = await designer.PostAsJsonAsync("/elsa/api/workflow-definitions/list-wf/execute", new { });
            ids.Add(run.Headers.GetValues("x-elsa-workflow-instance-id").Single());
        }

        var page = await designer.PostJsonAsync("/elsa/api/workflow-instances",
            new { page = 0, pageSize = 2, definitionIds = new[] { "list-wf" }, statuses = new[] { "Finished" }, orderBy = "Created", orderDirection = "Descending" });
        page.GetProperty("totalCount").GetInt32().Should().Be(3);
        page.GetProperty("items").EnumerateArray().Select(i => i.Id()).Should().Equal(ids[2], ids[1]);
        var first = page.GetProperty("items")[0];
        first.GetProperty("definitionId").GetString().Should().Be("list-wf");
        first.GetProperty("subStatus").GetString().Should().Be("Finished");
        first.GetProperty("isTest").GetBoolean().Should().BeTrue();
        (await designer.PostJsonAsync("/elsa/api/workflow-instances", new { definitionIds = new[] { "list-wf" }, statuses = new[] { "Running" } }))
            .GetProperty("totalCount").GetInt32().Should().Be(0);
        var bad = await (await designer.PostAsJsonAsync("/elsa/api/workflow-instances", new { statuses = new[] { "Sleeping" } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.GetProperty("errors").TryGetProperty("statuses", out _).Should().BeTrue();

        var single = await designer.GetAsync($"/elsa/api/workflow-instances/{ids[0]}/export");
        single.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(await single.Content.ReadAsStringAsync())!["journal"]!.AsArray().Should().NotBeEmpty();
        var many = await designer.PostAsJsonAsync("/elsa/api/bulk-actions/export/workflow-instances", new { ids });
        many.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");

        (await designer.PostJsonAsync("/elsa/api/bulk-actions/delete/workflow-instances/by-id", new { ids })).GetProperty("deleted").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task A_supervisor_may_list_instances_but_not_delete_them()
    {
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        (await supervisor.PostAsJsonAsync("/elsa/api/workflow-instances", new { })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await supervisor.PostAsJsonAsync("/elsa/api/bulk-actions/delete/workflow-instances/by-id", new { ids = new[] { "x" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await supervisor.PostAsJsonAsync("/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", new { definitionIds = new[] { "x" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
