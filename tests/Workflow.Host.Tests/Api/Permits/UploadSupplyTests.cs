using System.Net;
using System.Text;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Pages;
using static Workflow.Host.Tests.Pages.PageForms;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// Files that travel with the application (docs/materials.md): files attached on the apply form hand their materials in,
/// and a file uploaded for a material a supplement request asks for supplies it, as the supply action does.
/// </summary>
public sealed class UploadSupplyTests(MaterialFileTests.SmallLimitHost host) : IClassFixture<MaterialFileTests.SmallLimitHost>
{
    private static readonly byte[] Pdf = MaterialFileTests.Pdf;

    [Fact]
    public async Task A_file_uploaded_for_a_material_a_review_asked_for_supplies_it_and_the_review_resumes()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var reviewer = await host.AsUserAsync("reviewer-zjj");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        var review = await admin.OpenStepAsync(caseId, "zjj");
        await reviewer.ActAsync(review.Id(), new
        {
            outcome = "SupplementRequested", opinion = "请补充施工方案",
            missingMaterials = new[] { new { code = "ZJJ-003-PLAN", reason = "缺少专家论证意见" } },
        });
        var waiting = await admin.GetJsonAsync($"/api/cases/{caseId}");
        waiting.GetProperty("openSteps").EnumerateArray().Single().Text("state").Should().Be("WaitingForSupplement");

        var form = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "施工方案（补正）.pdf" } };
        (await agent.PostAsync($"/api/cases/{caseId}/materials/ZJJ-003-PLAN/files", form)).StatusCode.Should().Be(HttpStatusCode.Created);

        var after = await admin.GetJsonAsync($"/api/cases/{caseId}");
        after.Text("state").Should().Be("InReview");
        var step = after.GetProperty("openSteps").EnumerateArray().Single();
        (step.Id(), step.Text("state")).Should().Be((review.Id(), "Open"), "the upload handed the material in and the review moved on");
        after.GetProperty("materials").EnumerateArray().Single(m => m.Text("code") == "ZJJ-003-PLAN").Text("submittedAt").Should().NotBeNull();
        after.GetProperty("timeline").ToString().Should().Contain("\"event\":\"Resubmitted\"");
    }

    [Fact]
    public async Task A_file_for_a_material_nobody_asked_for_is_a_new_version_and_nothing_more()
    {
        using var agent = await host.AsUserAsync("agent1");
        using var admin = await host.AsUserAsync("admin");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        var before = await admin.GetJsonAsync($"/api/cases/{caseId}");
        var form = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "plan.pdf" } };
        (await agent.PostAsync($"/api/cases/{caseId}/materials/ZJJ-003-PLAN/files", form)).StatusCode.Should().Be(HttpStatusCode.Created);
        var after = await admin.GetJsonAsync($"/api/cases/{caseId}");
        after.GetProperty("timeline").GetArrayLength().Should().Be(before.GetProperty("timeline").GetArrayLength());
        after.Text("state").Should().Be("Submitted");
    }

    [Fact]
    public async Task Files_attached_on_the_apply_form_become_first_versions_and_hand_their_materials_in()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        using var api = await host.AsUserAsync("agent1");
        var projectId = await api.CreateProjectAsync();
        var path = $"/projects/{projectId}/apply/3";
        var token = await TokenOfAsync(agent, path);
        // ZJJ-003 chosen; its plan is not ticked but has a file attached.
        var materials = PermitApiDriver.MaterialsOf(Stage.ConstructionPermit, ["ZJJ-003"], "ZJJ-003-PLAN");
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("ZJJ-003"), "ChosenMatters" } };
        foreach (var m in materials) form.Add(new StringContent(m), "Materials");
        form.Add(new ByteArrayContent(Pdf), "file-ZJJ-003-PLAN", "施工方案.pdf");
        var filed = await agent.PostAsync(path, form);
        filed.StatusCode.Should().Be(HttpStatusCode.Redirect, await filed.Content.ReadAsStringAsync());
        var caseId = filed.Headers.Location!.ToString().Split('/').Last();

        var file = await api.GetJsonAsync($"/api/cases/{caseId}");
        file.GetProperty("missingMaterials").GetArrayLength().Should().Be(0, "the attached file hands the plan in");
        var versions = (await api.GetJsonAsync($"/api/cases/{caseId}/files")).EnumerateArray().ToList();
        versions.Should().ContainSingle();
        (versions[0].Text("materialCode"), versions[0].Text("fileName"), versions[0].GetProperty("version").GetInt32()).Should().Be(("ZJJ-003-PLAN", "施工方案.pdf", 1));
    }

    [Fact]
    public async Task A_refused_file_on_the_apply_form_files_nothing_and_names_its_material()
    {
        using var agent = await host.SignedInClientAsync("agent1");
        using var api = await host.AsUserAsync("agent1");
        var projectId = await api.CreateProjectAsync();
        var path = $"/projects/{projectId}/apply/3";
        var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenOfAsync(agent, path)), "__RequestVerificationToken" }, { new StringContent("ZJJ-003"), "ChosenMatters" },
            { new ByteArrayContent([(byte)'M', (byte)'Z', 0x90, 0, 3, 0]), "file-ZJJ-003-PLAN", "setup.pdf" },
        };
        var refused = await agent.PostAsync(path, form);
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("只接受 PDF, JPEG, PNG 文件");
        (await api.GetJsonAsync($"/api/projects/{projectId}")).ToString().Should().NotContain("\"caseNumber\"", "no case was filed");
    }

    private static async Task<string> TokenOfAsync(HttpClient client, string path) => AntiforgeryToken(await client.GetStringAsync(path));
}
