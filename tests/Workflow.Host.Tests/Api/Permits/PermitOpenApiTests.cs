using System.Text.Json;

namespace Workflow.Host.Tests.Api.Permits;

public sealed class PermitOpenApiTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task The_document_describes_every_permit_route_with_its_error_answers_and_the_action_body()
    {
        using var client = host.Anonymous();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/projects", "post"), ("/api/projects", "get"), ("/api/projects/{id}", "get"),
            ("/api/projects/{id}/applications", "post"), ("/api/cases/{id}", "get"), ("/api/cases/{id}/materials", "post"), ("/api/inbox", "get"),
            ("/api/steps/{id}", "get"), ("/api/steps/{id}/actions", "post") })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            operation.GetProperty("summary").GetString().Should().NotBeNullOrEmpty($"{method} {path}");
            operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["401", "403", "404"], $"{method} {path}");
        }
        var act = paths.GetProperty("/api/steps/{id}/actions").GetProperty("post");
        act.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["200", "400", "409", "422"]);
        act.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            .Should().EndWith("ActionRequest");
    }
}
