using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;

namespace Workflow.Host.Tests.Api.Permits;

/// <summary>
/// Uploaded materials over HTTP (docs/materials.md): accepted and refused files, the case's access rules on every file,
/// versions, and a file marked defective in the next one-time notice. Files:MaxBytes is 4096 here, so "oversized" is small.
/// </summary>
public sealed class MaterialFileTests(MaterialFileTests.SmallLimitHost host) : IClassFixture<MaterialFileTests.SmallLimitHost>
{
    public sealed class SmallLimitHost : HostFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Files:MaxBytes"] = "4096" };
    }

    /// <summary>A minimal PDF (its first bytes are what counts).</summary>
    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    [Fact]
    public async Task A_pdf_and_a_png_are_accepted_with_their_sha256_and_type_read_from_the_content()
    {
        var (agent, caseId) = await CaseAsync();
        var pdf = await (await UploadAsync(agent, caseId, "ZJJ-003-PLAN", "施工方案.pdf", Pdf)).JsonAsync(HttpStatusCode.Created);
        pdf.Text("contentType").Should().Be("application/pdf");
        pdf.Text("sha256").Should().Be(Convert.ToHexStringLower(SHA256.HashData(Pdf)));
        pdf.GetProperty("version").GetInt32().Should().Be(1);
        // A PNG sent under a misleading name and type is still a PNG.
        var png = await (await UploadAsync(agent, caseId, "APP", "申请表.pdf", Png, "application/pdf")).JsonAsync(HttpStatusCode.Created);
        png.Text("contentType").Should().Be("image/png");

        var opened = await agent.GetAsync(pdf.Text("href"));
        opened.StatusCode.Should().Be(HttpStatusCode.OK);
        (await opened.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
        opened.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        using var admin = await host.AsUserAsync("admin");
        (await admin.GetJsonAsync($"/api/cases/{caseId}/audit")).ToString().Should().Contain($"sha256 {pdf.Text("sha256")}");
    }

    [Theory]
    [InlineData("renamed executable", "setup.pdf")]
    [InlineData("unknown type", "notes.png")]
    [InlineData("oversized", "big.pdf")]
    public async Task A_file_that_is_not_a_pdf_jpeg_or_png_or_too_large_is_refused_naming_the_file_field(string what, string name)
    {
        var (agent, caseId) = await CaseAsync();
        var content = what switch
        {
            "renamed executable" => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF],
            "unknown type" => Encoding.UTF8.GetBytes("just some text, not an image"),
            _ => [.. Pdf, .. new byte[4096]],
        };
        var problem = await (await UploadAsync(agent, caseId, "ZJJ-003-PLAN", name, content)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal("file");
        (await agent.GetJsonAsync($"/api/cases/{caseId}/files")).GetArrayLength().Should().Be(0);

        var notMine = await (await UploadAsync(agent, caseId, "NO-SUCH", "a.pdf", Pdf)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        notMine.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().Equal("materialCode");
    }

    [Theory]
    [InlineData("agent2", HttpStatusCode.NotFound)]
    [InlineData("reviewer-rf", HttpStatusCode.NotFound)]
    [InlineData("reviewer-zjj", HttpStatusCode.OK)]
    [InlineData("frontdesk", HttpStatusCode.OK)]
    [InlineData("supervisor", HttpStatusCode.OK)]
    public async Task A_file_is_opened_by_whoever_may_see_the_case_and_is_404_to_anyone_else(string user, HttpStatusCode expected)
    {
        var (agent, caseId) = await CaseAsync();
        var file = await (await UploadAsync(agent, caseId, "ZJJ-003-PLAN", "plan.pdf", Pdf)).JsonAsync(HttpStatusCode.Created);
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });

        using var client = await host.AsUserAsync(user);
        (await client.GetAsync(file.Text("href"))).StatusCode.Should().Be(expected);
        (await client.GetAsync($"/api/cases/{caseId}/files")).StatusCode.Should().Be(expected);
        // Another case's id with this file's id: none of that case's files.
        var (_, otherCase) = await CaseAsync();
        (await admin.GetAsync($"/api/cases/{otherCase}/files/{file.Text("id")}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_marked_defective_is_in_the_next_one_time_notice_and_a_new_version_keeps_the_old_one()
    {
        var (agent, caseId) = await CaseAsync();
        var first = await (await UploadAsync(agent, caseId, "ZJJ-003-PLAN", "plan.pdf", Pdf)).JsonAsync(HttpStatusCode.Created);
        using var admin = await host.AsUserAsync("admin");
        using var frontdesk = await host.AsUserAsync("frontdesk");
        using var reviewer = await host.AsUserAsync("reviewer-rf");
        var intake = (await admin.OpenStepAsync(caseId, "frontdesk")).Id();

        (await reviewer.PostAsJsonAsync($"/api/steps/{intake}/files/{first.Text("id")}/defective", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await (await frontdesk.PostAsJsonAsync($"/api/steps/{intake}/files/{first.Text("id")}/defective", new { reason = " " })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity))
            .GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        var marked = await frontdesk.PostJsonAsync($"/api/steps/{intake}/files/{first.Text("id")}/defective", new { reason = "缺少设计单位签章" });
        marked.Text("defectReason").Should().Be("缺少设计单位签章");
        await frontdesk.ActAsync(intake, new { outcome = "SupplementRequired", missingMaterials = Array.Empty<object>() });

        var (file, _) = (await host.Services.GetRequiredService<CaseFiles>().FindAsync(caseId))!.Value;
        file.State.Should().Be(CaseState.WaitingForSupplement);
        file.Notices.Single().Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { MaterialCode = "ZJJ-003-PLAN", Reason = "缺少设计单位签章（plan.pdf v1）" });

        var second = await (await UploadAsync(agent, caseId, "ZJJ-003-PLAN", "plan-signed.pdf", [.. Pdf, (byte)'\n'])).JsonAsync(HttpStatusCode.Created);
        second.GetProperty("version").GetInt32().Should().Be(2);
        var versions = (await agent.GetJsonAsync($"/api/cases/{caseId}/files")).EnumerateArray().ToList();
        versions.Select(v => (v.Text("fileName"), v.GetProperty("version").GetInt32())).Should().Equal(("plan.pdf", 1), ("plan-signed.pdf", 2));
        (await (await agent.GetAsync(first.Text("href"))).Content.ReadAsByteArrayAsync()).Should().Equal(Pdf, "the earlier version is kept");
    }

    private async Task<(HttpClient Agent, string CaseId)> CaseAsync()
    {
        var agent = await host.AsUserAsync("agent1");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        return (agent, caseId);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string caseId, string code, string name, byte[] content, string type = "application/octet-stream")
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        form.Add(part, "file", name);
        return client.PostAsync($"/api/cases/{caseId}/materials/{code}/files", form);
    }
}
