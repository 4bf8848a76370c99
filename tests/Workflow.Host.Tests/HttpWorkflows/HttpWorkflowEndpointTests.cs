using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;

namespace Workflow.Host.Tests.HttpWorkflows;

/// <summary>
/// Elsa.HttpEndpoint through the Host's <c>/workflows/…</c> route (docs/http-workflows.md): authenticated by default,
/// 404 problem details when no workflow answers, the workflow's own response otherwise.
/// </summary>
public sealed class HttpWorkflowEndpointTests(HostFactory host) : IClassFixture<HostFactory>
{
    private static string Echo() => new JsonObject
    {
        ["id"] = "echo-v1", ["definitionId"] = "echo", ["name"] = "Echo", ["version"] = 1,
        ["variables"] = new JsonArray(new JsonObject { ["id"] = "body", ["name"] = "body", ["typeName"] = "Object" }),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "endpoint", ["type"] = "Elsa.HttpEndpoint", ["version"] = 1,
                    ["path"] = Literal("String", "echo"),
                    ["supportedMethods"] = Literal("String[]", "[\"POST\"]"),
                    ["parsedContent"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = "body" } },
                    ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
                },
                new JsonObject
                {
                    ["id"] = "respond", ["type"] = "Elsa.WriteHttpResponse", ["version"] = 1,
                    ["statusCode"] = Literal("String", "Accepted"),
                    ["content"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "'received ' + getVariable('body').n" } },
                }),
            ["connections"] = new JsonArray(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "endpoint", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = "respond", ["port"] = "In" },
            }),
        },
    }.ToJsonString();

    private static JsonObject Literal(string typeName, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private async Task PublishAsync() =>
        await host.Services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("echo", "Echo", null, Echo(), publish: true);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Without_credentials_the_route_answers_401_and_starts_nothing()
    {
        await PublishAsync();
        using var client = host.Anonymous();
        (await client.PostAsync("/workflows/echo", Json("{\"n\":1}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_authenticated_request_starts_the_workflow_and_gets_its_response()
    {
        await PublishAsync();
        using var client = await host.AsUserAsync(Roles.Agent);
        var response = await client.PostAsync("/workflows/echo", Json("{\"n\":5}"));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadAsStringAsync()).Should().Be("received 5");
    }

    [Fact]
    public async Task A_path_no_workflow_answers_is_a_404_problem()
    {
        using var client = await host.AsUserAsync(Roles.Agent);
        var response = await client.GetAsync("/workflows/nothing/here");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
