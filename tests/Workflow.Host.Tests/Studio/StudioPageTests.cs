using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Workflow.Host.Tests.Studio;

/// <summary>docs/studio.md: the Studio host pages, who may open them, and the token they hand the Studio.</summary>
public sealed class StudioPageTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Theory]
    [InlineData("/studio")]
    [InlineData("/studio/definitions/wf1")]
    [InlineData("/studio/instances/i1")]
    public async Task Without_sign_in_the_pages_redirect_to_the_sign_in_page(string path)
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/signin?returnUrl=" + Uri.EscapeDataString(path));
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.FrontDesk)]
    [InlineData(Roles.Reviewer)]
    public async Task Agents_front_desk_and_reviewers_get_403(string user)
    {
        using var client = await host.SignedInClientAsync(user);
        var response = await client.GetAsync("/studio");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
    }

    [Theory]
    [InlineData("/studio", "<elsa-workflow-definition-list ")]
    [InlineData("/studio/definitions/wf1", "<elsa-workflow-definition-editor definition-id=\"wf1\" ")]
    [InlineData("/studio/instances/i-42", "<elsa-workflow-instance-viewer instance-id=\"i-42\" ")]
    public async Task A_designer_gets_the_element_with_base_href_same_origin_endpoint_and_a_working_token(string path, string element)
    {
        using var client = await host.SignedInClientAsync(Roles.Designer);
        var html = await client.GetStringAsync(path);

        html.Should().Contain(element).And.Contain("<base href=\"/studio/\"/>")
            .And.Contain("remote-endpoint=\"http://localhost/elsa/api\"")
            .And.NotContain("fonts.googleapis.com");
        var token = Regex.Match(html, "access-token=\"([^\"]+)\"").Groups[1].Value;
        token.Should().NotBeEmpty();

        using var api = host.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await api.GetAsync("/elsa/api/descriptors/expression-descriptors")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_page_token_lives_at_least_eight_hours_and_each_load_mints_a_new_one()
    {
        using var client = await host.SignedInClientAsync(Roles.Designer);
        var first = Regex.Match(await client.GetStringAsync("/studio"), "access-token=\"([^\"]+)\"").Groups[1].Value;
        host.Clock.Advance(NodaTime.Duration.FromSeconds(1));
        var second = Regex.Match(await client.GetStringAsync("/studio"), "access-token=\"([^\"]+)\"").Groups[1].Value;
        second.Should().NotBe(first);

        var payload = first.Split('.')[1];
        payload = payload.Replace('-', '+').Replace('_', '/').PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var claims = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(payload));
        var lifetime = claims.RootElement.GetProperty("exp").GetInt64() - claims.RootElement.GetProperty("iat").GetInt64();
        lifetime.Should().BeGreaterThanOrEqualTo(8 * 3600);
    }

    [Fact]
    public async Task The_supervisor_opens_the_studio_read_only_and_its_token_cannot_write()
    {
        using var client = await host.SignedInClientAsync(Roles.Supervisor);
        var response = await client.GetAsync("/studio");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("read-only");
        var token = Regex.Match(html, "access-token=\"([^\"]+)\"").Groups[1].Value;

        using var api = host.Anonymous();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await api.PostAsync("/elsa/api/workflow-definitions", JsonContent.Create(new { model = new { definitionId = "x" }, publish = false }))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_run_buttons_target_redirects_to_the_instance_viewer()
    {
        using var client = await host.SignedInClientAsync(Roles.Admin);
        var response = await client.GetAsync("/studio/workflows/instances/abc%20d/view");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/studio/instances/abc%20d");
    }

    [Fact]
    public async Task The_studio_cookie_is_not_accepted_by_the_api_which_wants_a_bearer_token()
    {
        using var client = await host.SignedInClientAsync(Roles.Designer);
        await (await client.GetAsync("/elsa/api/descriptors/variables")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
