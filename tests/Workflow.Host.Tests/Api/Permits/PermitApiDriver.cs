using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>Drives the permit API the way a client would: register a project, apply, accept, act; every call asserts its status.</summary>
public static class PermitApiDriver
{
    /// <summary>Matters approved before the project came here, so that every stage's prerequisites are met.</summary>
    public static readonly string[] PriorApprovals = ["ZRZY-001", "ZRZY-002", "ZRZY-003", "QX-001", "ZJJ-001", "ZJJ-002"];

    /// <summary>The stage-2 matters without prerequisites outside the stage (as in the domain's scenarios).</summary>
    public static readonly string[] FiveOfStageTwo = ["ZRZY-003", "RF-001", "SW-002", "QX-001", "YJGL-001"];

    /// <summary>Every material code of <paramref name="matters"/> (all of the stage when null), minus <paramref name="except"/>.</summary>
    public static string[] MaterialsOf(Stage stage, IEnumerable<string>? matters = null, params string[] except)
    {
        var chosen = matters?.ToHashSet();
        return MatterCatalogue.Sample.MattersOf(stage).Where(m => chosen is null || chosen.Contains(m.Code))
            .SelectMany(m => m.Materials.Select(x => x.Code)).Distinct().Except(except).ToArray();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(path)).JsonAsync(expected);

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostAsJsonAsync(path, body)).JsonAsync(expected);

    /// <summary>Registers a project with a fresh code; answers its id.</summary>
    public static async Task<string> CreateProjectAsync(this HttpClient agent, bool greenChannel = false, string name = "示例项目")
    {
        var project = await agent.PostJsonAsync("/api/projects", new
        {
            code = "2025-" + Guid.NewGuid().ToString("N")[..10],
            name,
            enterprise = "示例建设有限公司",
            kind = "EnterpriseInvested",
            greenChannel,
            priorApprovals = PriorApprovals,
        }, HttpStatusCode.Created);
        return project.GetProperty("id").GetString()!;
    }

    /// <summary>Applies for <paramref name="stage"/> with every material (minus <paramref name="except"/>); answers the case.</summary>
    public static async Task<JsonElement> ApplyAsync(this HttpClient agent, string projectId, Stage stage, string[]? matters = null, params string[] except) =>
        await agent.PostJsonAsync($"/api/projects/{projectId}/applications",
            new { stage = stage.ToString(), matters, materials = MaterialsOf(stage, matters, except) }, HttpStatusCode.Created);

    /// <summary>The open step of <paramref name="caseId"/> in <paramref name="department"/>'s inbox (of <paramref name="kind"/> when given), read as admin.</summary>
    public static async Task<JsonElement> OpenStepAsync(this HttpClient admin, string caseId, string department, string? kind = null)
    {
        var file = await admin.GetJsonAsync($"/api/cases/{caseId}");
        return file.GetProperty("openSteps").EnumerateArray()
            .Single(s => s.GetProperty("department").GetString() == department && (kind is null || s.GetProperty("kind").GetString() == kind));
    }

    public static async Task<JsonElement> ActAsync(this HttpClient client, string stepId, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await client.PostJsonAsync($"/api/steps/{stepId}/actions", body, expected);

    public static string Id(this JsonElement json) => json.GetProperty("id").GetString()!;

    public static string Text(this JsonElement json, string property) => json.GetProperty(property).GetString()!;
}
