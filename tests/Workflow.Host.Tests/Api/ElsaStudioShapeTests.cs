using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflow.Definitions.Workflows;
using Workflow.Testing;

namespace Workflow.Host.Tests.Api;

/// <summary>
/// The Studio's endpoints answer with the shapes of the captured examples in <c>../shared/studio/</c> (read at test
/// time, never copied): every key of an example answer is in ours, with the same kind of JSON value.
/// </summary>
public sealed class ElsaStudioShapeTests(HostFactory host) : IClassFixture<HostFactory>
{
    private static JsonObject Example(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFolder.Require(), "studio", file)))!.AsObject();

    /// <summary>Every key of <paramref name="expected"/> is in <paramref name="actual"/>, with the same JSON kind (null in the example matches anything).</summary>
    private static void ShouldHaveTheKeysOf(JsonObject actual, JsonObject expected, string what)
    {
        foreach (var (key, value) in expected)
        {
            actual.ContainsKey(key).Should().BeTrue($"{what} has \"{key}\" as the example does");
            if (value is null) continue;
            var kind = actual[key]?.GetValueKind();
            if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                kind.Should().BeOneOf([JsonValueKind.True, JsonValueKind.False], $"{what}.{key} is a boolean");
            else
                kind.Should().Be(value.GetValueKind(), $"{what}.{key} is a {value.GetValueKind()} as in the example");
        }
    }

    private static async Task<JsonObject> PostSaveAsync(HttpClient client, JsonObject body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync("/elsa/api/workflow-definitions", body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        response.Content.Headers.ContentType!.MediaType.Should().Be(expected == HttpStatusCode.OK ? "application/json" : "application/problem+json");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync("/elsa/api" + path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject Captured(string file, string definitionId)
    {
        var body = Example(file);
        body["model"]!["definitionId"] = definitionId;
        return body;
    }

    private static void ShouldCarryTheEditorsLinks(JsonNode? links, string definitionId)
    {
        var items = links!.AsArray().Select(l => l!.AsObject()).ToList();
        items.Should().OnlyContain(l => l.ContainsKey("href") && l.ContainsKey("rel") && l.ContainsKey("method"), "a link is {href, rel, method}");
        var publish = items.Single(l => (string?)l["rel"] == "publish");
        publish["method"]!.GetValue<string>().Should().Be("POST");
        publish["href"]!.GetValue<string>().Should().Be($"/workflow-definitions/{definitionId}/publish");
    }

    [SharedFolderFact]
    public async Task The_captured_save_and_publish_bodies_are_answered_with_the_definition_the_editor_stays_writable_on()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var example = Example("example-get-definition-wf1.json");

        var saved = await PostSaveAsync(client, Captured("captured-example-save.json", "shape-wf1"));
        // Elsa's three keys, plus our validation findings (warnings of a saved draft; docs/studio.md), which the Studio ignores.
        saved.Select(p => p.Key).Should().BeEquivalentTo(["workflowDefinition", "alreadyPublished", "consumingWorkflowCount", "findings"]);
        saved["alreadyPublished"]!.GetValue<bool>().Should().BeFalse();
        saved["consumingWorkflowCount"]!.GetValue<int>().Should().Be(0);
        var draft = saved["workflowDefinition"]!.AsObject();
        ShouldHaveTheKeysOf(draft, example, "the saved definition");
        (draft["definitionId"]!.GetValue<string>(), draft["version"]!.GetValue<int>(), draft["isLatest"]!.GetValue<bool>(), draft["isPublished"]!.GetValue<bool>())
            .Should().Be(("shape-wf1", 1, true, false));
        ShouldCarryTheEditorsLinks(draft["links"], "shape-wf1");

        var published = await PostSaveAsync(client, Captured("captured-example-publish.json", "shape-wf1"));
        published["alreadyPublished"]!.GetValue<bool>().Should().BeFalse();
        var definition = published["workflowDefinition"]!.AsObject();
        ShouldHaveTheKeysOf(definition, example, "the published definition");
        (definition["version"]!.GetValue<int>(), definition["isLatest"]!.GetValue<bool>(), definition["isPublished"]!.GetValue<bool>())
            .Should().Be((1, true, true), "the publish publishes the latest draft under its number");
        ShouldCarryTheEditorsLinks(definition["links"], "shape-wf1");
        definition["id"]!.GetValue<string>().Should().Be(draft["id"]!.GetValue<string>(), "the same version was published, not a new one");
    }

    [SharedFolderFact]
    public async Task The_definition_by_definition_id_has_every_key_of_the_example_down_to_the_root_and_its_activities()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        await PostSaveAsync(client, Captured("captured-example-publish.json", "shape-get"));
        var example = Example("example-get-definition-wf1.json");

        foreach (var options in new[] { "Latest", "Published", "LatestOrPublished", "1" })
        {
            var loaded = await GetAsync(client, $"/workflow-definitions/by-definition-id/shape-get?versionOptions={options}");
            ShouldHaveTheKeysOf(loaded, example, $"by-definition-id ({options})");
            ShouldHaveTheKeysOf(loaded["root"]!.AsObject(), example["root"]!.AsObject(), "root");
            loaded["root"]!["type"]!.GetValue<string>().Should().Be("Elsa.Flowchart");
            loaded["root"]!["nodeId"]!.GetValue<string>().Should().NotBeNullOrEmpty("the editor crashes without the root's nodeId");
            var activity = loaded["root"]!["activities"]![0]!.AsObject();
            ShouldHaveTheKeysOf(activity, example["root"]!["activities"]![0]!.AsObject(), "an activity");
            ShouldCarryTheEditorsLinks(loaded["links"], "shape-get");
        }
        var byId = await GetAsync(client, "/workflow-definitions/by-definition-id/shape-get");
        ShouldHaveTheKeysOf(await GetAsync(client, $"/workflow-definitions/by-id/{byId["id"]!.GetValue<string>()}"), example, "by-id");
    }

    [SharedFolderFact]
    public async Task Activity_descriptors_have_every_key_of_the_example_and_the_same_ports_and_inputs_for_the_same_activities()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var example = Example("example-get-descriptors-activities.json");
        var ours = await GetAsync(client, "/descriptors/activities?Refresh=True");
        ShouldHaveTheKeysOf(ours, example, "the descriptor list");
        ours["count"]!.GetValue<int>().Should().Be(ours["items"]!.AsArray().Count);

        var exampleItem = example["items"]![0]!.AsObject();
        var exampleInput = example["items"]!.AsArray().SelectMany(i => i!["inputs"]!.AsArray()).First()!.AsObject();
        var examplePort = example["items"]!.AsArray().SelectMany(i => i!["ports"]!.AsArray()).First()!.AsObject();
        foreach (var item in ours["items"]!.AsArray().Select(i => i!.AsObject()))
        {
            var type = item["typeName"]!.GetValue<string>();
            ShouldHaveTheKeysOf(item, exampleItem, type);
            foreach (var input in item["inputs"]!.AsArray())
                ShouldHaveTheKeysOf(input!.AsObject(), exampleInput, $"{type} input {input!["name"]}");
            foreach (var port in item["ports"]!.AsArray())
                ShouldHaveTheKeysOf(port!.AsObject(), examplePort, $"{type} port {port!["name"]}");
        }

        var byType = ours["items"]!.AsArray().ToDictionary(i => i!["typeName"]!.GetValue<string>(), i => i!.AsObject());
        foreach (var expected in example["items"]!.AsArray().Select(i => i!.AsObject()))
        {
            var type = expected["typeName"]!.GetValue<string>();
            if (!byType.TryGetValue(type, out var actual)) continue; // the example lists Elsa.If, which this engine spells Elsa.FlowDecision
            // Flow ports are the outcomes a flowchart connects; Embedded ports (Elsa.If's Then/Else) hold child activities
            // inside the node and come on top (docs/definition-format.md, "Composite activities").
            Names(FlowPorts(actual["ports"])).Should().BeEquivalentTo(Names(FlowPorts(expected["ports"])), $"{type} has Elsa's outcome ports");
            actual["ports"]!.AsArray().Select(p => p!["type"]!.GetValue<string>())
                .Should().NotContain(kind => kind != "Flow" && kind != "Embedded", $"{type}'s other ports hold child activities");
            Names(actual["inputs"]).Should().BeEquivalentTo(Names(expected["inputs"]), $"{type} has Elsa's inputs");
            (actual["isStart"]!.GetValue<bool>(), actual["isTerminal"]!.GetValue<bool>(), actual["isContainer"]!.GetValue<bool>())
                .Should().Be((expected["isStart"]!.GetValue<bool>(), expected["isTerminal"]!.GetValue<bool>(), expected["isContainer"]!.GetValue<bool>()), type);
        }
    }

    private static JsonArray FlowPorts(JsonNode? ports) =>
        new([.. ports!.AsArray().Where(p => p!["type"]!.GetValue<string>() == "Flow").Select(p => p!.DeepClone())]);

    private static IEnumerable<string> Names(JsonNode? array) => array!.AsArray().Select(n => n!["name"]!.GetValue<string>());

    [Fact]
    public async Task The_permit_inputs_carry_the_catalogue_as_dropdowns_and_checklists_the_studio_reads()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var items = (await GetAsync(client, "/descriptors/activities"))["items"]!.AsArray().ToDictionary(i => i!["typeName"]!.GetValue<string>(), i => i!.AsObject());
        JsonObject Input(string type, string name) => items[type]["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == name)!.AsObject();
        static List<string> Values(JsonObject input, string hint, string list) =>
            input["uiSpecifications"]![hint]![list]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()).ToList();

        foreach (var (type, name) in new[] { ("Permits.DepartmentReview", "Department"), ("Permits.JointReview", "LeadDepartment"), ("Permits.JointSiteInspection", "LeadDepartment") })
        {
            var input = Input(type, name);
            input["uiHint"]!.GetValue<string>().Should().Be("dropdown", $"{type}.{name}");
            Values(input, "dropdown", "selectList").Should().Contain(["zjj", "zrzy", "fgw"], $"{type}.{name} lists the catalogue's departments");
        }
        var matter = Input("Permits.DepartmentReview", "Matter");
        matter["uiHint"]!.GetValue<string>().Should().Be("dropdown");
        Values(matter, "dropdown", "selectList").Should().Contain(["ZJJ-001", "ZRZY-001"]);

        var matters = Input("Permits.ParallelReview", "Matters");
        matters["uiHint"]!.GetValue<string>().Should().Be("checklist");
        Values(matters, "checklist", "checkList").Should().Contain(["ZJJ-002", "ZJJ-003"], "a checklist's options are read from uiSpecifications.checklist.checkList");
        matters["uiSpecifications"]!["checklist"]!["checkList"]!["items"]![0]!["isChecked"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task Both_list_calls_of_the_definition_list_element_answer_paged_lists_with_links()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        foreach (var path in new[]
                 {
                     "/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending",
                     "/workflow-definitions?versionOptions=Published",
                 })
        {
            var list = await GetAsync(client, path);
            list["items"]!.GetValueKind().Should().Be(JsonValueKind.Array, path);
            list["totalCount"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(StageWorkflows.DefinitionIds.Count, "the seeded stage workflows are listed");
            list["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).Should().Contain("bulk-publish", "the Create button needs it");
            list["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()).Should().Contain(StageWorkflows.DefinitionIds);
        }
    }

    /// <summary>
    /// A save → load → save round trip through the Studio's routes keeps each seeded stage workflow's root as shipped:
    /// activities with their designer metadata, node ids, inputs and memory references, and connections.
    /// </summary>
    [Theory]
    [InlineData("stage-1-project-approval")]
    [InlineData("stage-2-engineering-permit")]
    [InlineData("stage-3-construction-permit")]
    [InlineData("stage-4-completion-acceptance")]
    public async Task A_seeded_stage_workflow_survives_save_load_save_losslessly(string definitionId)
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var shipped = JsonNode.Parse(StageWorkflows.Json(definitionId))!.AsObject();
        var loaded = await GetAsync(client, $"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        JsonNode.DeepEquals(loaded["root"], shipped["root"]).Should().BeTrue("the seeded workflow loads as shipped");

        var first = (await PostSaveAsync(client, new JsonObject { ["model"] = loaded.DeepClone(), ["publish"] = false }))["workflowDefinition"]!.AsObject();
        var reloaded = await GetAsync(client, $"/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        var second = (await PostSaveAsync(client, new JsonObject { ["model"] = reloaded.DeepClone(), ["publish"] = false }))["workflowDefinition"]!.AsObject();

        foreach (var answer in new[] { first, reloaded, second })
        {
            answer["root"]!["activities"]!.ToJsonString().Should().Be(shipped["root"]!["activities"]!.ToJsonString(), "activities with designer metadata are kept byte for byte");
            answer["root"]!["connections"]!.ToJsonString().Should().Be(shipped["root"]!["connections"]!.ToJsonString());
            JsonNode.DeepEquals(answer["root"], shipped["root"]).Should().BeTrue("the whole root is kept");
            foreach (var key in new[] { "name", "description", "variables", "inputs", "outputs", "outcomes", "customProperties", "options", "toolVersion" })
                JsonNode.DeepEquals(answer[key], shipped[key]).Should().BeTrue(key);
        }
        (second["version"]!.GetValue<int>(), first["version"]!.GetValue<int>()).Should().Be((2, 2), "the first save made v2 a draft; the second updated it");
    }

    [Fact]
    public async Task Saving_a_draft_again_updates_that_draft_instead_of_adding_a_version()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var model = StageModel("draft-update", "first");
        var v1 = (await PostSaveAsync(client, new JsonObject { ["model"] = model.DeepClone(), ["publish"] = false }))["workflowDefinition"]!;
        var again = (await PostSaveAsync(client, new JsonObject { ["model"] = StageModel("draft-update", "second"), ["publish"] = false }))["workflowDefinition"]!;

        again["version"]!.GetValue<int>().Should().Be(1);
        again["id"]!.GetValue<string>().Should().Be(v1["id"]!.GetValue<string>(), "the draft is updated in place");
        again["isPublished"]!.GetValue<bool>().Should().BeFalse();
        var history = await GetAsync(client, "/workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds=draft-update&OrderBy=Version&OrderDirection=Descending");
        history["totalCount"]!.GetValue<int>().Should().Be(1);
        var latest = await GetAsync(client, "/workflow-definitions/by-definition-id/draft-update?versionOptions=Latest");
        latest["root"]!["activities"]![1]!["text"]!["expression"]!["value"]!.GetValue<string>().Should().Be("second");
        await (await client.GetAsync("/elsa/api/workflow-definitions/by-definition-id/draft-update?versionOptions=Published"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_change_to_a_published_workflow_is_kept_as_the_next_draft_and_the_published_version_stays_in_force()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        await PostSaveAsync(client, new JsonObject { ["model"] = StageModel("invalid-next", "good"), ["publish"] = true });

        var bad = StageModel("invalid-next", "bad");
        bad["root"]!["connections"]!.AsArray().Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "wl1", ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = "nowhere", ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
        var problem = await PostSaveAsync(client, new JsonObject { ["model"] = bad, ["publish"] = true }, HttpStatusCode.BadRequest);
        problem["status"]!.GetValue<int>().Should().Be(400);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        problem["errors"]!.GetValueKind().Should().Be(JsonValueKind.Object, "the Studio shows the messages under errors");
        problem["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray()).Should().NotBeEmpty()
            .And.Contain(m => m!.GetValue<string>().Contains("nowhere"), "the message names what is wrong");

        var published = await GetAsync(client, "/workflow-definitions/by-definition-id/invalid-next?versionOptions=Published");
        published["version"]!.GetValue<int>().Should().Be(1);
        published["root"]!["activities"]![1]!["text"]!["expression"]!["value"]!.GetValue<string>().Should().Be("good", "the published version is untouched");
        var latest = await GetAsync(client, "/workflow-definitions/by-definition-id/invalid-next?versionOptions=Latest");
        (latest["version"]!.GetValue<int>(), latest["isPublished"]!.GetValue<bool>()).Should().Be((2, false), "the invalid change is kept as the v2 draft");
        latest["root"]!["activities"]![1]!["text"]!["expression"]!["value"]!.GetValue<string>().Should().Be("bad");
        await (await client.PostAsync("/elsa/api/workflow-definitions/invalid-next/publish", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    private static JsonObject StageModel(string definitionId, string text) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "root1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray
            {
                new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start", ["version"] = 1 },
                new JsonObject
                {
                    ["id"] = "wl1", ["type"] = "Elsa.WriteLine", ["version"] = 1,
                    ["text"] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = text } },
                },
            },
            ["connections"] = new JsonArray
            {
                new JsonObject { ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" }, ["target"] = new JsonObject { ["activity"] = "wl1", ["port"] = "In" }, ["vertices"] = new JsonArray() },
            },
        },
    };
}
