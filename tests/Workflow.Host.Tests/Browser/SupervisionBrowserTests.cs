using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Scheduling;
using Workflow.Host.Tests.Api.Permits;
using Workflow.Testing;

namespace Workflow.Host.Tests.Browser;

/// <summary>
/// The supervision dashboard in Chromium (docs/supervision.md): the ECharts charts are drawn from the locally served
/// library, a number drills down to the case, and a 督办 notice goes to the department and back. A server of its own,
/// because the test moves its clock 60 days on. Saves the README's screenshots.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SupervisionBrowserTests(BrowserFixture browser)
{
    [ChromiumFact]
    public async Task The_dashboard_draws_its_charts_drills_down_to_a_case_and_an_urging_notice_makes_the_round_trip()
    {
        await using var server = await HostServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        using var agent = await ClientAsync(server, "agent1");
        using var admin = await ClientAsync(server, "admin");
        using var frontdesk = await ClientAsync(server, "frontdesk");
        var caseId = (await agent.ApplyAsync(await agent.CreateProjectAsync(name: "滨江示范学校施工许可"), Stage.ConstructionPermit, ["ZJJ-003"])).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        server.Clock.Advance(Duration.FromDays(60));
        await server.Services.GetRequiredService<WorkflowScheduler>().FireDueAsync();

        var supervisor = await SignedInPageAsync(server, "supervisor");
        await BrowserFixture.GoAsync(supervisor, $"{server.BaseUrl}/supervision/dashboard?from=2026-11-01&to=2026-12-31");
        foreach (var chart in new[] { "#chart-cards", "#chart-trend", "#chart-ranking" })
        {
            await supervisor.WaitForSelectorAsync($"{chart}[data-drawn='true'] canvas");
        }
        // The demo cases (a Development server seeds them) carry cards too: the figure is at least this case's four.
        var red = int.Parse((await supervisor.Locator("#figures tr[data-department='zjj'] a[data-figure='redCards']").TextContentAsync())!);
        red.Should().BeGreaterThanOrEqualTo(4);
        int.Parse((await supervisor.TextContentAsync("#unread-count"))!).Should().BeGreaterThanOrEqualTo(8, "the supervisors were told of this case's 8 cards at least");
        await ShotAsync(supervisor, "supervision-dashboard");

        // A click on zjj's red bar in the cards chart opens the same drill-down as the number: the mouse goes to the
        // bar's pixel as ECharts itself places it (convertToPixel), so the chart's own click handler runs.
        var (x, y) = await RedBarPixelAsync(supervisor, "zjj");
        var box = (await supervisor.Locator("#chart-cards").BoundingBoxAsync())!;
        await supervisor.Mouse.ClickAsync(box.X + x, box.Y + y);
        await BrowserFixture.WaitForDocumentAsync(supervisor, url => url.Contains("/supervision/drill", StringComparison.Ordinal) && url.Contains("department=zjj", StringComparison.Ordinal) && url.Contains("figure=redCards", StringComparison.Ordinal));
        (await supervisor.Locator("#drill tbody tr").CountAsync()).Should().Be(red, "the bar stands for the same red cards as the number");

        // The ledger button on the dashboard downloads the period's ledger, which lists this case.
        await BrowserFixture.GoAsync(supervisor, $"{server.BaseUrl}/supervision/dashboard?from=2026-11-01&to=2026-12-31");
        (await supervisor.InputValueAsync("#ledger-from")).Should().Be("2026-11-01", "the export takes the dashboard's period");
        await supervisor.FillAsync("#ledger-from", "2000-01-01");
        var download = await supervisor.RunAndWaitForDownloadAsync(() => supervisor.ClickAsync("#ledger-download"));
        download.SuggestedFilename.Should().EndWith(".xlsx");
        var ledgerCases = LedgerCaseIds(await download.PathAsync());
        ledgerCases.Should().Contain(caseId);

        // The red-card number drills down to the cards, and on to the case page, which shows them.
        await supervisor.ClickAsync("#figures tr[data-department='zjj'] a[data-figure='redCards']");
        await supervisor.WaitForSelectorAsync("#drill");
        (await supervisor.Locator("#drill tbody tr").CountAsync()).Should().Be(red, "the drill-down lists what the number counts");
        (await supervisor.Locator($"#drill tbody tr[data-case='{caseId}']").CountAsync()).Should().Be(4, await supervisor.Locator("#drill").InnerTextAsync());
        var stepRow = supervisor.Locator($"#drill tbody tr[data-case='{caseId}'][data-step]:not([data-step=''])").First;
        var stepId = await stepRow.GetAttributeAsync("data-step");
        await supervisor.Locator($"#drill tr[data-step='{stepId}'] a[href='/cases/{caseId}']").First.ClickAsync();
        await supervisor.WaitForSelectorAsync("#cards");
        (await supervisor.Locator("#cards tr[data-level='Overdue']").CountAsync()).Should().Be(4);
        await ShotAsync(supervisor, "case-cards");

        // 督办: the supervisor chooses the overdue step from the form's list (no id typed) and urges it; zjj sees it and
        // replies; the supervisor reads the reply.
        await BrowserFixture.GoAsync(supervisor, $"{server.BaseUrl}/supervision/urgings");
        (await supervisor.Locator($"#urge-step option[value='{stepId}']").TextContentAsync()).Should().Contain("住房城乡建设");
        await supervisor.SelectOptionAsync("#urge-step", stepId!);
        await supervisor.FillAsync("#issue textarea[name='Text']", "该环节已超期，请于期限内说明原因并办结。");
        await supervisor.FillAsync("#issue input[name='ReplyDue']", "2027-01-08");
        await supervisor.ClickAsync("#issue button[type='submit']");
        await supervisor.WaitForSelectorAsync("#message");
        var reviewer = await SignedInPageAsync(server, "reviewer-zjj");
        await BrowserFixture.GoAsync(reviewer, $"{server.BaseUrl}/supervision/urgings");
        var notice = reviewer.Locator("#urgings tr[data-replied='false']");
        (await notice.CountAsync()).Should().Be(1);
        await notice.Locator("input[name='Text']").FillAsync("材料复核中，1 月 5 日前办结。");
        await notice.Locator("button[type='submit']").ClickAsync();
        await reviewer.WaitForSelectorAsync("#urgings tr[data-replied='true']");
        await BrowserFixture.GoAsync(supervisor, $"{server.BaseUrl}/supervision/urgings");
        (await supervisor.TextContentAsync("#urgings tr[data-replied='true'] .reply")).Should().Be("材料复核中，1 月 5 日前办结。");
        await ShotAsync(supervisor, "supervision-urging");
    }

    /// <summary>Where ECharts drew the middle of <paramref name="department"/>'s red bar, relative to the chart's box.</summary>
    private static async Task<(float X, float Y)> RedBarPixelAsync(IPage page, string department)
    {
        var pixel = await page.EvaluateAsync<float[]>("""
            code => {
                const data = JSON.parse(document.getElementById('chart-data').textContent);
                const i = data.departments.findIndex(d => d.code === code);
                const d = data.departments[i];
                const chart = echarts.getInstanceByDom(document.getElementById('chart-cards'));
                return chart.convertToPixel({ seriesIndex: 1 }, [i, d.yellow + d.red / 2]);
            }
            """, department);
        return (pixel[0], pixel[1]);
    }

    /// <summary>The case ids in the first column of the ledger's case sheet, read with the Open XML SDK.</summary>
    private static List<string> LedgerCaseIds(string path)
    {
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false);
        var part = document.WorkbookPart!;
        var sheet = part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        sheet.Name!.Value.Should().Be("办件 Cases");
        var data = ((DocumentFormat.OpenXml.Packaging.WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetData>()!;
        return [.. data.Elements<DocumentFormat.OpenXml.Spreadsheet.Row>()
            .Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().FirstOrDefault() is { } c ? c.InlineString?.InnerText ?? c.CellValue?.Text ?? "" : "")];
    }

    private static Task<HttpClient> ClientAsync(HostServer server, string user) => DemoSignIn.ClientAsync(server, user);

    private Task<IPage> SignedInPageAsync(HostServer server, string user) => DemoSignIn.SignedInPageAsync(browser, server, user);

    private static Task ShotAsync(IPage page, string name) => PageShots.SaveAsync(page, name);
}
