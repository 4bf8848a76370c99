using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Workflow.Host.Tests.Api.Contract;

/// <summary>
/// What issue 15 found untrue in the OpenAPI document, asserted on the document the app serves; and the checker that
/// every Host test's answers go through (<see cref="ContractCheckingHandler"/>) shown to refuse what lies outside it.
/// </summary>
public sealed class OpenApiTruthTests(HostFactory host) : IClassFixture<HostFactory>
{
    private JsonNode Document => host.Contract.Document;
    private JsonObject Operation(string path, string method) => Document["paths"]![path]![method]!.AsObject();
    private JsonNode Schema(string name) => Document["components"]!["schemas"]![name]!;

    private JsonNode ParameterSchema(string path, string method, string name) =>
        Operation(path, method)["parameters"]!.AsArray().Single(p => (string)p!["name"]! == name)!["schema"]!;

    [Fact]
    public void Query_parameters_are_typed()
    {
        ParameterSchema("/api/cases", "get", "page")["type"]!.GetValue<string>().Should().Be("integer");
        ParameterSchema("/api/cases", "get", "pageSize")["type"]!.GetValue<string>().Should().Be("integer");
        ParameterSchema("/api/cases", "get", "overdue")["type"]!.GetValue<string>().Should().Be("boolean");
        ((string)ParameterSchema("/api/cases", "get", "state")["$ref"]!).Should().EndWith("/CaseState");
        ((string)ParameterSchema("/api/cases", "get", "stage")["$ref"]!).Should().EndWith("/Stage");
        Schema("CaseState")["type"]!.GetValue<string>().Should().Be("string");
        Schema("CaseState")["enum"]!.AsArray().Select(n => (string)n!).Should().Contain(["Submitted", "Issued", "Revoked"]);
        ParameterSchema("/api/supervision/departments", "get", "from")["format"]!.GetValue<string>().Should().Be("date");
    }

    [Fact]
    public void Enums_are_string_names_even_when_nullable_and_numbers_are_integers_not_numeric_strings()
    {
        foreach (var name in new[] { "ProjectKind", "Stage", "CaseState", "StepKind", "StepState" })
        {
            Schema(name)["type"]!.GetValue<string>().Should().Be("string", name);
            Schema(name)["enum"]!.AsArray().Should().NotBeEmpty(name).And.OnlyContain(n => n is JsonValue && !Regex.IsMatch((string)n!, "^[0-9]"), name);
        }
        var text = Document.ToJsonString();
        text.Should().NotContain("\"integer\",\"string\"").And.NotContain("^-?(?:0|[1-9]\\\\d*)$");
    }

    [Fact]
    public void Request_bodies_require_only_what_the_server_requires_and_those_are_not_nullable()
    {
        var project = Schema("CreateProjectRequest");
        project["required"]!.AsArray().Select(n => (string)n!).Should().BeEquivalentTo(["code", "name", "enterprise"]);
        project["properties"]!["code"]!["type"]!.GetValue<string>().Should().Be("string");
        project["properties"]!["greenChannel"]!["type"]!.AsArray().Select(n => (string)n!).Should().Contain("null");
        Schema("ActionRequest")["required"]!.AsArray().Select(n => (string)n!).Should().BeEquivalentTo(["outcome"]);
        Schema("TokenRequest")["required"]!.AsArray().Select(n => (string)n!).Should().BeEquivalentTo(["username", "password"]);
        ((string)Schema("ApplicationRequest")["properties"]!["stage"]!["$ref"]!).Should().EndWith("/Stage");
    }

    [Fact]
    public void Every_operation_documents_the_statuses_the_pipeline_answers_with_problem_details()
    {
        foreach (var (path, operations) in Document["paths"]!.AsObject())
        foreach (var (method, node) in operations!.AsObject())
        {
            var operation = node!.AsObject();
            var responses = operation["responses"]!.AsObject();
            var where = $"{method} {path}";
            if (operation["security"] is not null) responses.Should().ContainKey("401", where);
            if (operation["requestBody"] is not null) responses.Should().ContainKeys(["400", "413", "415"], where);
            responses.Should().ContainKeys(["414", "500"], where);
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                response!["content"]!.AsObject().Select(c => c.Key).Should().Equal(["application/problem+json"], $"{where} {status}");
        }
        Operation("/api/auth/token", "post")["responses"]!.AsObject().Should().ContainKeys(["401", "429"]);
        Operation("/api/departments", "get")["responses"]!.AsObject().Should().ContainKey("401");
    }

    [Fact]
    public void The_idempotency_and_concurrency_headers_are_declared()
    {
        var act = Operation("/api/steps/{id}/actions", "post");
        act["parameters"]!.AsArray().Where(p => (string)p!["in"]! == "header").Select(p => (string)p!["name"]!)
            .Should().BeEquivalentTo(["If-Match", "Idempotency-Key"]);
        act["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key).Should().Contain(["ETag", "Idempotent-Replayed"]);
        Operation("/api/steps/{id}", "get")["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key).Should().Contain("ETag");
    }

    [Fact]
    public void The_checker_refuses_answers_outside_the_document()
    {
        var contract = host.Contract;
        contract.Check("GET", "/api/departments", 200, "application/json", """{"items":[{"code":"zjj","name":"住建"}]}""").Should().BeEmpty();
        contract.Check("GET", "/api/departments", 200, "application/json", """{"items":"zjj"}""").Should().NotBeEmpty();
        contract.Check("GET", "/api/departments", 418, "application/problem+json", """{"status":418}""").Should().NotBeEmpty();
        contract.Check("GET", "/api/departments", 401, "text/html", "<html/>").Should().NotBeEmpty();
        contract.Check("GET", "/api/steps/C1-01", 404, "application/problem+json", """{"status":"404"}""").Should().NotBeEmpty("status is an integer");
        contract.Check("GET", "/elsa/api/workflow-definitions", 200, "application/json", "[]").Should().BeEmpty("not the document's business");
    }

    [Fact]
    public async Task The_interactive_reference_is_served_offline_at_api_docs()
    {
        using var client = host.Anonymous();
        var redirect = await client.GetAsync("/api-docs");
        var page = redirect.StatusCode == HttpStatusCode.Found ? await client.GetAsync(redirect.Headers.Location) : redirect;
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("openapi/v1.json");
        // Nothing is loaded from another host: every script and stylesheet comes from this one.
        Regex.Matches(html, "(?:src|href)=\"(https?:)?//[^\"]+\"").Select(m => m.Value).Should().BeEmpty();
        var scripts = Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        scripts.Should().NotBeEmpty();
        var bytes = 0L;
        foreach (var script in scripts)
        {
            var asset = await client.GetAsync(script.StartsWith('/') ? script : "/api-docs/" + script);
            asset.StatusCode.Should().Be(HttpStatusCode.OK, script);
            bytes += (await asset.Content.ReadAsByteArrayAsync()).Length;
        }
        bytes.Should().BeGreaterThan(1_000_000, "the reference's whole bundle comes from this host");
    }
}
