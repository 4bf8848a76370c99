using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflow.Host.Tests.Api;

/// <summary>The shapes docs/studio.md gives for the descriptor lists the Studio reads before it draws anything.</summary>
public sealed class ElsaDescriptorTests(HostFactory host) : IClassFixture<HostFactory>
{
    private async Task<JsonElement> GetAsync(string path)
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var response = await client.GetAsync("/elsa/api" + path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Theory]
    [InlineData("/descriptors/workflow-activation-strategies")]
    [InlineData("/descriptors/log-persistence-strategies")]
    [InlineData("/descriptors/incident-strategies")]
    [InlineData("/descriptors/commit-strategies/workflows")]
    [InlineData("/descriptors/commit-strategies/activities")]
    [InlineData("/features/installed")]
    public async Task Strategy_and_feature_lists_are_empty_items_with_count(string path)
    {
        var json = await GetAsync(path);
        json.GetProperty("items").GetArrayLength().Should().Be(0);
        json.GetProperty("count").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Expression_descriptors_offer_javascript_besides_the_basic_four_so_the_editor_loads()
    {
        var json = await GetAsync("/descriptors/expression-descriptors");
        var items = json.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("type").GetString()).Should().Equal("Literal", "Object", "Variable", "JavaScript");
        var js = items.Single(i => i.GetProperty("type").GetString() == "JavaScript");
        js.GetProperty("displayName").GetString().Should().Be("JavaScript");
        js.GetProperty("isSerializable").GetBoolean().Should().BeTrue();
        js.GetProperty("isBrowsable").GetBoolean().Should().BeTrue();
        js.GetProperty("properties").GetProperty("MonacoLanguage").GetString().Should().Be("javascript");
        json.GetProperty("count").GetInt32().Should().Be(4);
    }

    [Fact]
    public async Task Storage_drivers_name_the_workflow_instance_driver_that_saved_definitions_use()
    {
        var json = await GetAsync("/descriptors/storage-drivers");
        var driver = json.GetProperty("items").EnumerateArray().Single();
        driver.GetProperty("typeName").GetString().Should().Be("Elsa.Workflows.WorkflowInstanceStorageDriver");
        driver.GetProperty("displayName").GetString().Should().NotBeNullOrEmpty();
        driver.GetProperty("priority").GetInt32().Should().Be(0);
        driver.GetProperty("deprecated").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Variable_types_carry_type_name_display_name_category_and_description()
    {
        var json = await GetAsync("/descriptors/variables");
        var items = json.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("typeName").GetString()).Should().Contain(["Object", "String", "Boolean", "Int32"]);
        foreach (var item in items)
        {
            item.GetProperty("category").GetString().Should().Be("Primitives");
            item.GetProperty("displayName").GetString().Should().NotBeNullOrEmpty();
            item.GetProperty("description").GetString().Should().NotBeNullOrEmpty();
        }
    }

    [Fact]
    public async Task Javascript_type_definitions_declare_the_expression_functions_as_typescript_text()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var response = await client.PostAsJsonAsync("/elsa/api/scripting/javascript/type-definitions/wf1",
            new { workflowDefinitionId = "wf1", activityTypeName = "Elsa.WriteLine", propertyName = "Text" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("declare function getVariable(name: string): any;")
            .And.Contain("declare function setVariable(name: string, value: any): void;")
            .And.Contain("declare const input: any;");
    }

    [Fact]
    public async Task Javascript_type_definitions_declare_the_accessors_of_the_definitions_variables()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var model = new
        {
            definitionId = "vars-typedefs", name = "vars", version = 1,
            variables = new object[] { new { id = "v1", name = "Counter", typeName = "Int32", value = "0" }, new { id = "v2", name = "not a name", typeName = "String" } },
            root = new { id = "root", type = "Elsa.Flowchart", activities = new object[] { new { id = "w", type = "Elsa.WriteLine" } }, connections = Array.Empty<object>() },
        };
        (await client.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = false })).StatusCode.Should().Be(HttpStatusCode.OK);

        var response = await client.PostAsJsonAsync("/elsa/api/scripting/javascript/type-definitions/vars-typedefs",
            new { workflowDefinitionId = "vars-typedefs", activityTypeName = "Elsa.WriteLine", propertyName = "Text" });

        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("declare function getCounter(): any;").And.Contain("declare function setCounter(value: any): void;")
            .And.NotContain("not a name");
    }

    [Fact]
    public async Task An_installed_feature_that_does_not_exist_is_404()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        await (await client.GetAsync("/elsa/api/features/installed/Elsa.Resilience")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
