using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using netDumbster.smtp;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The uploaded-materials journey in Chromium (docs/materials.md, docs/notifications.md): the agent uploads a file, the
/// front desk opens it and marks it defective, the one-time notice names it, the agent is notified in-app and by e-mail
/// (a real SMTP server in the test process, delivered by the server's own background worker), uploads a new version,
/// supplies it, and the case is accepted. Saves the README's screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MaterialsBrowserTests(BrowserFixture browser)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [ChromiumFact]
    public async Task An_agent_uploads_the_front_desk_marks_a_file_defective_the_agent_is_told_and_uploads_a_new_version()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var server = await HostServer.StartAsync(
            "--Notifications:Smtp:Enabled=true", "--Notifications:Smtp:Host=127.0.0.1", $"--Notifications:Smtp:Port={port}",
            "--Notifications:Smtp:Security=None", "--Notifications:Smtp:PollSeconds=1");
        using var agentApi = await ClientAsync(server, "agent1");
        using var admin = await ClientAsync(server, "admin");
        using var frontdeskApi = await ClientAsync(server, "frontdesk");
        (await agentApi.PutAsJsonAsync("/api/notifications/settings", new { email = "agent1@example.cn", language = "zh-CN", emailKinds = new[] { "notice-issued" } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var caseId = (await agentApi.ApplyAsync(await agentApi.CreateProjectAsync(name: "滨江示范学校施工许可"), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        var pdf = Path.Combine(server.DataFolder, "施工方案.pdf");
        await File.WriteAllBytesAsync(pdf, Pdf);

        // The agent uploads the construction plan on the case page.
        var agent = await SignedInPageAsync(server, "agent1");
        await BrowserFixture.GoAsync(agent, $"{server.BaseUrl}/cases/{caseId}");
        await agent.SelectOptionAsync("#upload-material", "ZJJ-003-PLAN");
        await agent.SetInputFilesAsync("#upload-input", pdf);
        await agent.ClickAsync("#upload-button");
        await agent.WaitForSelectorAsync("#material-files tr[data-material='ZJJ-003-PLAN'][data-version='1']");
        await ShotAsync(agent, "materials-uploaded");

        // The front desk opens it on the intake step's page and marks it defective.
        var intake = (await admin.OpenStepAsync(caseId, "frontdesk")).Id();
        var desk = await SignedInPageAsync(server, "frontdesk");
        await BrowserFixture.GoAsync(desk, $"{server.BaseUrl}/steps/{intake}");
        var row = desk.Locator("#material-files tr[data-material='ZJJ-003-PLAN']");
        var href = await row.Locator("a.open-file").GetAttributeAsync("href");
        href.Should().Be($"/cases/{caseId}/files/{await row.GetAttributeAsync("data-file")}");
        var opened = await desk.APIRequest.GetAsync(server.BaseUrl + href);
        (opened.Status, opened.Headers["content-type"]).Should().Be((200, "application/pdf"));
        (await opened.BodyAsync()).Should().Equal(Pdf);
        await row.Locator("input[name='reason']").FillAsync("缺少设计单位签章");
        await ShotAsync(desk, "materials-mark-defective");
        await row.Locator("form.mark-defective button").ClickAsync();
        await desk.WaitForSelectorAsync("#material-files .defect");
        await frontdeskApi.ActAsync(intake, new { outcome = "SupplementRequired", missingMaterials = Array.Empty<object>() });

        // The agent hears of it in the notification centre and by e-mail (the server's worker polls every second).
        await BrowserFixture.GoAsync(agent, $"{server.BaseUrl}/notifications");
        // The demo cases (a Development server seeds them) told agent1 of notices too: this case's is one.
        var told = agent.Locator($"tr[data-kind='notice-issued']:has(a[href='/cases/{caseId}'])");
        (await told.CountAsync()).Should().Be(1);
        (await told.InnerTextAsync()).Should().Contain("工程质量安全监督计划", "the notice names the material whose file was marked defective");
        for (var i = 0; i < 100 && smtp.ReceivedEmailCount == 0; i++) await Task.Delay(100);
        smtp.ReceivedEmailCount.Should().Be(1);
        smtp.ReceivedEmail[0].ToAddresses.Single().Address.Should().Be("agent1@example.cn");
        await ShotAsync(agent, "materials-agent-notified");

        // The notice on the case page names the defect; the agent uploads a new version, which supplies it.
        await BrowserFixture.GoAsync(agent, $"{server.BaseUrl}/cases/{caseId}");
        (await agent.InnerTextAsync("body")).Should().Contain("缺少设计单位签章（施工方案.pdf v1）");
        await agent.SelectOptionAsync("#upload-material", "ZJJ-003-PLAN");
        await agent.SetInputFilesAsync("#upload-input", new FilePayload { Name = "施工方案（已盖章）.pdf", MimeType = "application/pdf", Buffer = [.. Pdf, (byte)'\n'] });
        await agent.ClickAsync("#upload-button");
        await agent.WaitForSelectorAsync("#material-files tr[data-material='ZJJ-003-PLAN'][data-version='2']");
        (await agent.Locator("#material-files tr.superseded[data-version='1']").CountAsync()).Should().Be(1, "the earlier version is kept");
        // Uploading a material the applicant owes hands it in (docs/materials.md): nothing is left to tick for it.
        (await agent.Locator("#s-ZJJ-003-PLAN").CountAsync()).Should().Be(0);
        await ShotAsync(agent, "materials-new-version");

        // The case moves on: the front desk accepts it.
        await frontdeskApi.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        (await admin.GetJsonAsync($"/api/cases/{caseId}")).Text("state").Should().Be("InReview");
    }

    /// <summary>
    /// A file above <c>Files:MaxBytes</c> (20 MB) is refused by the page before anything is sent, with the server's own
    /// words, instead of a 413 answer after the upload.
    /// </summary>
    [ChromiumFact]
    public async Task A_file_above_the_limit_is_refused_on_the_page_before_it_is_sent()
    {
        using var agentApi = await ClientAsync(browser.Server, "agent1");
        var caseId = (await agentApi.ApplyAsync(await agentApi.CreateProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        var large = Path.Combine(Path.GetTempPath(), $"wf-large-{Guid.NewGuid():N}.pdf");
        await using (var file = File.Create(large)) file.SetLength(20L * 1024 * 1024 + 1); // sparse: nothing is written
        try
        {
            foreach (var (culture, message) in new[] { ("zh-CN", "文件超过 20 MB"), ("en", "the file is larger than 20 MB") })
            {
                var page = await SignedInPageAsync(browser.Server, "agent1");
                var posts = 0;
                page.Request += (_, request) => { if (request.Method == "POST") posts++; };
                await BrowserFixture.GoAsync(page, $"{browser.Server.BaseUrl}/cases/{caseId}?culture={culture}");
                await page.SetInputFilesAsync("#upload-input", large);
                (await page.EvalOnSelectorAsync<string>("#upload-input", "input => input.validationMessage")).Should().Be(message);
                await page.ClickAsync("#upload-button");
                posts.Should().Be(0, "the browser keeps the form back");

                // Another, small file clears the refusal.
                var small = Path.Combine(Path.GetTempPath(), $"wf-small-{Guid.NewGuid():N}.pdf");
                await File.WriteAllBytesAsync(small, Pdf);
                await page.SetInputFilesAsync("#upload-input", small);
                (await page.EvalOnSelectorAsync<string>("#upload-input", "input => input.validationMessage")).Should().BeEmpty();
                File.Delete(small);
            }
        }
        finally
        {
            File.Delete(large);
        }
    }

    private static Task<HttpClient> ClientAsync(HostServer server, string user) => DemoSignIn.ClientAsync(server, user);

    private Task<IPage> SignedInPageAsync(HostServer server, string user) => DemoSignIn.SignedInPageAsync(browser, server, user);

    private static Task ShotAsync(IPage page, string name) => PageShots.SaveAsync(page, name);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
