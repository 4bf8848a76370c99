using System.Net;
using System.Net.Http.Json;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// Every permit endpoint × every role (docs/api.md): 401 without credentials, 403 when the role may never do
/// it, 404 for what the caller may not see, else the endpoint's own answer. Writes that would pass the access check
/// carry a body the domain refuses (422/400), so the matrix changes nothing and can run in any order.
/// </summary>
public sealed class AuthorizationMatrixTests(PermitApiHost host) : IClassFixture<PermitApiHost>
{
    /// <summary>The columns of <see cref="Table"/>; null is anonymous.</summary>
    private static readonly string?[] Users = ["agent1", "agent2", "frontdesk", "reviewer-zjj", "reviewer-fgw", "supervisor", "designer", "admin", null];

    private sealed record Row(string Method, string Path, object? Body, int[] Expected);

    private static readonly object NoSuchMaterial = new { materials = new[] { "NO-SUCH-MATERIAL" } };
    private static readonly object NoSuchOutcome = new { outcome = "NoSuchOutcome" };

    // columns:                                                                        agent1 agent2 front  zjj   fgw   sup   design admin anon
    private static readonly Dictionary<string, Row> Table = new()
    {
        ["departments"] = new("GET", "/api/departments", null,                                [200, 200, 200, 200, 200, 200, 200, 200, 401]),
        ["list projects"] = new("GET", "/api/projects", null,                                 [200, 200, 403, 403, 403, 200, 403, 200, 401]),
        ["create project"] = new("POST", "/api/projects", "new-project",                      [201, 201, 403, 403, 403, 403, 403, 201, 401]),
        ["own project"] = new("GET", "/api/projects/{project}", null,                         [200, 404, 403, 403, 403, 200, 403, 200, 401]),
        ["unknown project"] = new("GET", "/api/projects/P-none", null,                        [404, 404, 403, 403, 403, 404, 403, 404, 401]),
        ["apply"] = new("POST", "/api/projects/{project}/applications",
            new { stage = "CompletionAcceptance", materials = new[] { "NO-SUCH-MATERIAL" } }, [422, 404, 403, 403, 403, 403, 403, 422, 401]),
        ["apply to unknown project"] = new("POST", "/api/projects/P-none/applications",
            new { stage = "CompletionAcceptance", materials = Array.Empty<string>() },        [404, 404, 403, 403, 403, 403, 403, 404, 401]),
        ["list cases"] = new("GET", "/api/cases", null,                                       [200, 200, 200, 200, 200, 200, 403, 200, 401]),
        ["accepted case"] = new("GET", "/api/cases/{accepted}", null,                         [200, 404, 200, 200, 404, 200, 403, 200, 401]),
        ["case at intake"] = new("GET", "/api/cases/{intake}", null,                          [200, 404, 200, 404, 404, 200, 403, 200, 401]),
        ["unknown case"] = new("GET", "/api/cases/C-none", null,                              [404, 404, 404, 404, 404, 404, 403, 404, 401]),
        ["supply materials"] = new("POST", "/api/cases/{accepted}/materials", NoSuchMaterial, [422, 404, 403, 403, 403, 403, 403, 422, 401]),
        ["supply to unknown case"] = new("POST", "/api/cases/C-none/materials", NoSuchMaterial, [404, 404, 403, 403, 403, 403, 403, 404, 401]),
        ["inbox"] = new("GET", "/api/inbox", null,                                            [403, 403, 200, 200, 200, 200, 403, 200, 401]),
        ["consolidation step"] = new("GET", "/api/steps/{consolidation}", null,              [200, 404, 404, 200, 404, 200, 403, 200, 401]),
        ["intake step"] = new("GET", "/api/steps/{intakeStep}", null,                         [200, 404, 200, 404, 404, 200, 403, 200, 401]),
        ["unknown step"] = new("GET", "/api/steps/S-none", null,                              [404, 404, 404, 404, 404, 404, 403, 404, 401]),
        ["act on consolidation"] = new("POST", "/api/steps/{consolidation}/actions", NoSuchOutcome, [403, 403, 404, 400, 404, 403, 403, 400, 401]),
        ["act on intake"] = new("POST", "/api/steps/{intakeStep}/actions", NoSuchOutcome,     [403, 403, 400, 404, 404, 403, 403, 400, 401]),
        ["act on unknown step"] = new("POST", "/api/steps/S-none/actions", NoSuchOutcome,     [403, 403, 404, 404, 404, 403, 403, 404, 401]),
        ["bindings"] = new("GET", "/api/bindings", null,                                      [403, 403, 403, 403, 403, 403, 403, 200, 401]),
        ["bind"] = new("PUT", "/api/bindings", new { stage = "ConstructionPermit", definitionId = "no-such-workflow" },
                                                                                              [403, 403, 403, 403, 403, 403, 403, 422, 401]),
        ["remove binding"] = new("DELETE", "/api/bindings?stage=ConstructionPermit&matter=ZJJ-002", null,
                                                                                              [403, 403, 403, 403, 403, 403, 403, 404, 401]),
        ["binding changes"] = new("GET", "/api/bindings/changes", null,                       [403, 403, 403, 403, 403, 403, 403, 200, 401]),
        ["case audit"] = new("GET", "/api/cases/{accepted}/audit", null,                      [403, 404, 403, 403, 404, 200, 403, 200, 401]),
        ["unknown case audit"] = new("GET", "/api/cases/C-none/audit", null,                  [404, 404, 404, 404, 404, 404, 403, 404, 401]),
        ["ledger"] = new("GET", "/api/supervision/ledger.xlsx", null,                          [403, 403, 403, 403, 403, 200, 403, 200, 401]),
    };

    public static TheoryData<string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (endpoint, row) in Table)
            for (var i = 0; i < Users.Length; i++)
                data.Add(endpoint, Users[i] ?? "anonymous", row.Expected[i]);
        return data;
    }

    [Fact]
    public void The_matrix_covers_every_permit_route_and_every_role()
    {
        Table.Values.Should().OnlyContain(r => r.Expected.Length == Users.Length);
        var routes = Table.Values.Select(r => (r.Method, Route(r.Path))).ToHashSet();
        routes.Should().Contain([("POST", "/api/projects"), ("GET", "/api/projects"), ("GET", "/api/projects/{id}"), ("POST", "/api/projects/{id}/applications"),
            ("GET", "/api/cases"), ("GET", "/api/cases/{id}"), ("POST", "/api/cases/{id}/materials"), ("GET", "/api/inbox"), ("GET", "/api/steps/{id}"), ("POST", "/api/steps/{id}/actions"),
            ("GET", "/api/bindings"), ("PUT", "/api/bindings"), ("DELETE", "/api/bindings?stage=ConstructionPermit&matter=ZJJ-002"), ("GET", "/api/bindings/changes"),
            ("GET", "/api/cases/{id}/audit"), ("GET", "/api/supervision/ledger.xlsx")]);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_answers_the_role_as_the_table_says(string endpoint, string user, int expected)
    {
        var row = Table[endpoint];
        using var client = await host.ClientAsync(user == "anonymous" ? null : user);
        var path = row.Path.Replace("{project}", host.ProjectId).Replace("{accepted}", host.AcceptedCaseId).Replace("{intake}", host.IntakeCaseId)
            .Replace("{consolidation}", host.ConsolidationStepId).Replace("{intakeStep}", host.IntakeStepId);
        var request = new HttpRequestMessage(new HttpMethod(row.Method), path);
        if (row.Body is not null)
            request.Content = JsonContent.Create(row.Body is "new-project"
                ? new { code = "M-" + Guid.NewGuid().ToString("N")[..10], name = "矩阵项目", enterprise = "矩阵公司" }
                : row.Body);

        var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).Should().Be(expected, $"{row.Method} {path} as {user}: {body}");
        if (expected >= 400)
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
    }

    private static string Route(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"/(\{[a-zA-Z]+\}|[PCS]-none)", "/{id}");
}
