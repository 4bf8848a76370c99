using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Activities.Http;
using Workflow.Engine.Model;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Tests.Activities.Http;

/// <summary>
/// Elsa.HttpEndpoint and Elsa.WriteHttpResponse (Elsa.Http/Activities/HttpEndpoint.cs, WriteHttpResponse.cs) through the
/// engine's router, as the host's <c>/workflows/…</c> route calls it.
/// </summary>
public sealed class HttpEndpointTests
{
    private static JsonObject Bound(string variable) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variable } };

    /// <summary>HttpEndpoint(orders/{id}, POST) → WriteHttpResponse(201, 'order ' + id + ' for ' + body.name).</summary>
    private static string OrderFlow(bool canStart) => new TestFlow()
        .Variable("route", "Object", null).Variable("body", "Object", null)
        .Add("endpoint", "Elsa.HttpEndpoint", new
        {
            path = "orders/{id}",
            supportedMethods = new ExpressionInput("String[]", "Literal", JsonValue.Create("[\"POST\"]")),
            routeData = Bound("route"),
            parsedContent = Bound("body"),
            customProperties = new JsonObject { ["canStartWorkflow"] = canStart },
        })
        .Add("respond", "Elsa.WriteHttpResponse", new
        {
            statusCode = "Created",
            content = TestFlow.Js("'order ' + getVariable('route').id + ' for ' + getVariable('body').name", "String"),
        })
        .Connect("endpoint", "respond")
        .Json();

    private static HttpWorkflowRequest Post(string path, string body) =>
        new() { Method = "POST", Path = path, ContentType = "application/json", Body = body };

    private static async Task<(IServiceProvider Services, HttpEndpointRouter Router)> EngineAsync(string json)
    {
        var (services, _, _) = TestFlow.Engine();
        await services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync("orders", "Orders", null, json, publish: true);
        return (services, services.GetRequiredService<HttpEndpointRouter>());
    }

    [Fact]
    public async Task A_matching_request_starts_the_workflow_and_gets_its_response()
    {
        var (services, router) = await EngineAsync(OrderFlow(canStart: true));

        var outcome = await router.HandleAsync(Post("/orders/42", "{\"name\":\"Ada\"}"));

        outcome.InstanceIds.Should().ContainSingle();
        outcome.Response.Should().NotBeNull();
        (outcome.Response!.StatusCode, outcome.Response.Content, outcome.Response.ContentType).Should().Be((201, "order 42 for Ada", "text/plain"));
        (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(outcome.InstanceIds[0]))!.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task Another_path_or_method_matches_nothing()
    {
        var (_, router) = await EngineAsync(OrderFlow(canStart: true));
        (await router.HandleAsync(Post("/orders", "{}"))).InstanceIds.Should().BeEmpty();
        (await router.HandleAsync(new HttpWorkflowRequest { Method = "GET", Path = "/orders/1" })).InstanceIds.Should().BeEmpty();
    }

    [Fact]
    public async Task An_endpoint_that_may_not_start_the_workflow_is_no_trigger_but_a_bookmark_a_request_resumes()
    {
        var (services, router) = await EngineAsync(OrderFlow(canStart: false));
        (await router.HandleAsync(Post("/orders/7", "{\"name\":\"Lin\"}"))).InstanceIds.Should().BeEmpty("nothing waits and the endpoint is no trigger");

        var started = await services.GetRequiredService<WorkflowRuntime>().StartAsync("orders");
        started.Instance.Bookmarks.Should().ContainSingle().Which.Kind.Should().Be("HttpEndpoint");

        var outcome = await router.HandleAsync(Post("/orders/7", "{\"name\":\"Lin\"}"));
        outcome.InstanceIds.Should().Equal(started.Instance.Id);
        outcome.Response!.Content.Should().Be("order 7 for Lin");
        (await router.HandleAsync(Post("/orders/7", "{\"name\":\"Lin\"}"))).InstanceIds.Should().BeEmpty("the bookmark was consumed");
    }

    [Fact]
    public async Task WriteHttpResponse_outside_a_request_faults_saying_so()
    {
        var (_, runtime, _) = TestFlow.Engine();
        var run = await runtime.StartAsync(new TestFlow().Add("respond", "Elsa.WriteHttpResponse", new { content = "x" }).Definition());
        run.Instance.SubStatus.Should().Be(WorkflowSubStatus.Faulted);
        run.Instance.Fault!.Message.Should().Contain("answers no HTTP request");
    }

    [Fact]
    public void Route_templates_capture_segments_and_ignore_case_and_slashes()
    {
        HttpRoute.Match("orders/{id}", "/Orders/42/")!["id"]!.GetValue<string>().Should().Be("42");
        HttpRoute.Match("/orders/{id}", "/orders").Should().BeNull();
        HttpRoute.Match("a/b", "/a/c").Should().BeNull();
    }
}
