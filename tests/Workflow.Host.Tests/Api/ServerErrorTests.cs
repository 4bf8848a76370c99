using System.Net;
using System.Net.Http.Json;
using System.Text;
using Workflow.Host.Web.Problems;

namespace Workflow.Host.Tests.Api;

/// <summary>Every error the app answers is RFC 7807 problem details, for anonymous callers too (issue #15).</summary>
public sealed class ServerErrorTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/nope")]
    public async Task An_unknown_route_is_404_problem_details_even_without_sign_in(string path)
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync(path);
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        response.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task A_method_a_route_does_not_take_is_405_problem_details_naming_the_allowed_ones()
    {
        using var client = host.Anonymous();
        var response = await client.DeleteAsync("/api/auth/token");
        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Contain("POST");
    }

    [Fact]
    public async Task A_body_of_another_media_type_is_415_problem_details()
    {
        using var client = host.Anonymous();
        var response = await client.PostAsync("/api/auth/token", new StringContent("admin demo", Encoding.UTF8, "text/plain"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_overlong_address_is_414_problem_details()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/api/cases?state=" + new string('a', RoutingRejections.MaxTargetLength));
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestUriTooLong);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_GET_and_HEAD_200_and_other_methods_405_never_a_sign_in_redirect(string path)
    {
        using var client = host.Anonymous();
        (await client.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetStringAsync(path)).Should().Be("""{"status":"Healthy"}""");
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options })
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, path));
            await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
            response.Headers.Location.Should().BeNull();
            response.Content.Headers.Allow.Should().BeEquivalentTo("GET", "HEAD");
        }
    }
}
