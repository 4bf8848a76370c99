using System.Net;
using System.Net.Http.Json;

namespace Workflow.Host.Tests.Api;

/// <summary>docs/studio.md: designer and admin full Elsa API, supervisor GET only, everyone else 403, no credentials 401.</summary>
public sealed class ElsaApiAccessTests(HostFactory host) : IClassFixture<HostFactory>
{
    private const string Read = "/elsa/api/descriptors/expression-descriptors";
    private const string Write = "/elsa/api/workflow-definitions/no-such-definition";
    private const string Unknown = "/elsa/api/bulk-actions/not-yet";

    public static TheoryData<string, HttpStatusCode, HttpStatusCode> Matrix() => new()
    {
        // Designers and admins pass the access check; the definition does not exist.
        { Roles.Designer, HttpStatusCode.OK, HttpStatusCode.NotFound },
        { Roles.Admin, HttpStatusCode.OK, HttpStatusCode.NotFound },
        { Roles.Supervisor, HttpStatusCode.OK, HttpStatusCode.Forbidden },
        { Roles.Agent, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Roles.FrontDesk, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
        { Roles.Reviewer, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Reads_and_writes_per_role(string user, HttpStatusCode read, HttpStatusCode write)
    {
        using var client = await host.AsUserAsync(user);

        var get = await client.GetAsync(Read);
        var delete = await client.DeleteAsync(Write);

        get.StatusCode.Should().Be(read);
        delete.StatusCode.Should().Be(write);
        if (read == HttpStatusCode.Forbidden)
            await get.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("GET", Read)]
    [InlineData("DELETE", Write)]
    [InlineData("GET", Unknown)]
    [InlineData("DELETE", Unknown)]
    public async Task Without_credentials_every_elsa_route_is_401_problem_details_never_a_redirect(string method, string path)
    {
        using var client = host.Anonymous();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task The_supervisor_may_not_change_anything_even_on_routes_not_implemented(string method)
    {
        using var client = await host.AsUserAsync(Roles.Supervisor);
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/elsa/api/workflow-definitions")
        {
            Content = JsonContent.Create(new { model = new { }, publish = true }),
        });
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_route_this_host_does_not_implement_is_404_problem_details_for_a_designer()
    {
        using var client = await host.AsUserAsync(Roles.Designer);
        var problem = await (await client.GetAsync(Unknown)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().Should().Contain("bulk-actions/not-yet");
    }

    [Fact]
    public async Task An_agent_is_403_even_on_routes_not_implemented()
    {
        using var client = await host.AsUserAsync(Roles.Agent);
        await (await client.GetAsync(Unknown)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/elsa/api/workflow-instances/nope/journal", HttpStatusCode.NotFound)]
    [InlineData("/elsa/api/activity-executions/report", HttpStatusCode.NotFound)]
    [InlineData("/elsa/api/scripting/javascript/type-definitions/wf1", HttpStatusCode.OK)]
    public async Task The_posts_that_only_read_are_open_to_the_supervisor_but_not_to_an_agent(string path, HttpStatusCode forSupervisor)
    {
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        (await supervisor.PostAsJsonAsync(path, new { workflowInstanceId = "nope" })).StatusCode.Should().Be(forSupervisor);
        using var agent = await host.AsUserAsync(Roles.Agent);
        (await agent.PostAsJsonAsync(path, new { workflowInstanceId = "nope" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
