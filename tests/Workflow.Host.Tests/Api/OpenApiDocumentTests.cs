using System.Net;
using System.Text.Json;

namespace Workflow.Host.Tests.Api;

public sealed class OpenApiDocumentTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task The_document_lists_our_api_without_credentials_and_leaves_the_elsa_api_to_elsa()
    {
        using var client = host.Anonymous();
        var response = await client.GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.Should().Contain(["/api/auth/token", "/api/departments", "/health"]);
        paths.Should().NotContain(p => p.StartsWith("/elsa/api"));
    }

    [Fact]
    public async Task Instants_are_described_as_date_time_strings()
    {
        using var client = host.Anonymous();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var schemas = json.RootElement.GetProperty("components").GetProperty("schemas");
        var expiresAt = schemas.GetProperty("TokenResponse").GetProperty("properties").GetProperty("expiresAt");
        var instant = expiresAt.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!.Split('/').Last())
            : expiresAt;
        instant.GetProperty("type").GetString().Should().Be("string");
        instant.GetProperty("format").GetString().Should().Be("date-time");
        instant.TryGetProperty("properties", out _).Should().BeFalse();
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_required_only_where_credentials_are_needed()
    {
        using var client = host.Anonymous();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var scheme = json.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("type").GetString().Should().Be("http");
        scheme.GetProperty("scheme").GetString().Should().Be("bearer");

        var paths = json.RootElement.GetProperty("paths");
        paths.GetProperty("/api/departments").GetProperty("get").TryGetProperty("security", out _).Should().BeTrue();
        paths.GetProperty("/api/auth/token").GetProperty("post").TryGetProperty("security", out _).Should().BeFalse();
        paths.GetProperty("/health").GetProperty("get").TryGetProperty("security", out _).Should().BeFalse();
    }
}
