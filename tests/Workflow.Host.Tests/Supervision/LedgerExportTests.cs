using System.Globalization;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Host.Tests.Api.Permits;

namespace Workflow.Host.Tests.Supervision;

/// <summary><c>GET /api/supervision/ledger.xlsx</c> read back with the Open XML SDK (docs/ledger-and-feeds.md, "Ledger export").</summary>
public sealed class LedgerExportTests(HostFactory host) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task The_ledger_has_a_case_sheet_and_a_step_sheet_with_real_dates_numbers_a_frozen_header_and_filters()
    {
        // Friday 2025-09-26 10:00 Shanghai: filed and accepted; rf approves on Monday 29th at 13:30.
        using var agent = await host.AsUserAsync(Roles.Agent);
        using var admin = await host.AsUserAsync(Roles.Admin);
        using var frontdesk = await host.AsUserAsync(Roles.FrontDesk);
        var projectId = await agent.CreateProjectAsync();
        var caseId = (await agent.ApplyAsync(projectId, Stage.EngineeringConstructionPermit, PermitApiDriver.FiveOfStageTwo)).Id();
        await frontdesk.ActAsync((await admin.OpenStepAsync(caseId, "frontdesk")).Id(), new { outcome = "Accepted" });
        var rfStep = (await admin.OpenStepAsync(caseId, "rf")).Id();
        host.Clock.Set(Instant.FromUtc(2025, 9, 29, 5, 30));
        using var rf = await host.AsUserAsync("reviewer-rf"); // signed in now: a token from Friday has expired
        using var agentNow = await host.AsUserAsync(Roles.Agent);
        await rf.ActAsync(rfStep, new { outcome = "Approved", opinion = "同意" });
        var promisedDue = DateTimeOffset.Parse((await agentNow.GetJsonAsync($"/api/cases/{caseId}")).GetProperty("clocks").GetProperty("promised").Text("due"), CultureInfo.InvariantCulture);

        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        using var response = await supervisor.GetAsync("/api/supervision/ledger.xlsx?from=2025-09-26&to=2025-09-26");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain("ledger-20250929.xlsx");
        var workbook = await Workbook.ReadAsync(response);

        workbook.SheetNames.Should().Equal("办件 Cases", "环节 Steps");
        var cases = workbook.Sheet("办件 Cases");
        cases.Frozen.Should().BeTrue();
        cases.AutoFilter.Should().Be("A1:X1");
        cases.Rows[0].Should().StartWith(["办件标识 Case id", "办件编号 Case number", "项目 Project"]).And.Contain("已用工作日 Working days used");
        var row = cases.Rows.Single(r => r[0] == caseId);
        var column = (string name) => Array.IndexOf(cases.Rows[0], name);
        cases.DateAt(row, column("申报时间 Filed")).Should().Be(new DateTime(2025, 9, 26, 10, 0, 0));
        cases.DateAt(row, column("受理时间 Accepted")).Should().Be(new DateTime(2025, 9, 26, 10, 0, 0));
        row[column("视为受理 Deemed accepted")].Should().Be("0", "the window accepted it (a boolean cell, false)");
        cases.DateAt(row, column("承诺到期 Promised due")).Should().Be(promisedDue.DateTime, "the wall-clock time in Shanghai that the API shows");
        row[column("承诺时限(工作日) Promised limit")].Should().Be("15");
        row[column("办件编号 Case number")].Should().MatchRegex(@"^2025-\d-\d{6}$", "every case carries its number (docs/domain.md, Case numbers)");
        // Sunday 28th is a make-up working day (调休) and counts whole; Monday 09:00–12:00 is 3 of 7 office hours: 1 + 3/7 ≈ 1.4.
        row[column("已用工作日 Working days used")].Should().Be("1.4");
        cases.IsDate(row, column("办结时间 Completed")).Should().BeFalse("the case is open");

        var steps = workbook.Sheet("环节 Steps");
        steps.Frozen.Should().BeTrue();
        steps.AutoFilter.Should().Be("A1:X1");
        var stepColumn = (string name) => Array.IndexOf(steps.Rows[0], name);
        var rfRow = steps.Rows.Single(r => r[0] == rfStep);
        rfRow[stepColumn("部门 Department")].Should().Be("rf");
        rfRow[stepColumn("办件编号 Case number")].Should().Be(row[column("办件编号 Case number")]);
        rfRow[stepColumn("办理结果 Outcome")].Should().Be("Approved");
        rfRow[stepColumn("经办人 Actor")].Should().Be("reviewer-rf");
        steps.DateAt(rfRow, stepColumn("完成时间 Completed")).Should().Be(new DateTime(2025, 9, 29, 13, 30, 0));
        rfRow[stepColumn("已用工作日 Working days used")].Should().Be("1.4");

        using var later = await supervisor.GetAsync("/api/supervision/ledger.xlsx?from=2025-09-27");
        (await Workbook.ReadAsync(later)).Sheet("办件 Cases").Rows.Should().NotContain(r => r[0] == caseId, "filed before the period");
        using var ofRf = await supervisor.GetAsync("/api/supervision/ledger.xlsx?department=rf&from=2025-09-26&to=2025-09-26");
        var rfBook = await Workbook.ReadAsync(ofRf);
        rfBook.Sheet("环节 Steps").Rows.Skip(1).Should().Contain(r => r[0] == rfStep).And.OnlyContain(r => r[4] == "rf");
        rfBook.Sheet("办件 Cases").Rows.Should().Contain(r => r[0] == caseId);
        using var ofZjj = await supervisor.GetAsync("/api/supervision/ledger.xlsx?department=zjj&from=2025-09-26&to=2025-09-26");
        (await Workbook.ReadAsync(ofZjj)).Sheet("办件 Cases").Rows.Should().NotContain(r => r[0] == caseId, "no step of the case is zjj's");
    }

    [Fact]
    public async Task Bad_parameters_are_422_naming_the_field_and_other_roles_get_403()
    {
        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        var problem = await supervisor.GetJsonAsync("/api/supervision/ledger.xlsx?from=26.9.2025&to=2025-09-01&department=nope", (HttpStatusCode)422);
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["from", "department"]);
        var reversed = await supervisor.GetJsonAsync("/api/supervision/ledger.xlsx?from=2025-09-02&to=2025-09-01", (HttpStatusCode)422);
        reversed.GetProperty("errors").TryGetProperty("to", out _).Should().BeTrue();
        using var agent = await host.AsUserAsync(Roles.Agent);
        (await agent.GetAsync("/api/supervision/ledger.xlsx")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// The export honours the supervision lists' filters (docs/api.md, *Lists*): the search by case number, the stage, the
    /// green channel and the case state keep those cases and only their steps; errors in the request's language.
    /// </summary>
    [Fact]
    public async Task The_export_keeps_the_cases_the_lists_filters_keep_and_only_their_steps()
    {
        using var agent = await host.AsUserAsync(Roles.Agent);
        using var admin = await host.AsUserAsync(Roles.Admin);
        using var frontdesk = await host.AsUserAsync(Roles.FrontDesk);
        var green = await agent.ApplyAsync(await agent.CreateProjectAsync(greenChannel: true, name: "台账筛选绿色项目"), Stage.EngineeringConstructionPermit, PermitApiDriver.FiveOfStageTwo);
        var plain = await agent.ApplyAsync(await agent.CreateProjectAsync(name: "台账筛选普通项目"), Stage.ConstructionPermit, ["ZJJ-003"]);
        await frontdesk.ActAsync((await admin.OpenStepAsync(green.Id(), "frontdesk")).Id(), new { outcome = "Accepted" });

        using var supervisor = await host.AsUserAsync(Roles.Supervisor);
        async Task<(string[] Cases, string[] StepCases)> Export(string query)
        {
            using var response = await supervisor.GetAsync("/api/supervision/ledger.xlsx?" + query);
            response.StatusCode.Should().Be(HttpStatusCode.OK, query);
            var book = await Workbook.ReadAsync(response);
            return ([.. book.Sheet("办件 Cases").Rows.Skip(1).Select(r => r[0])], [.. book.Sheet("环节 Steps").Rows.Skip(1).Select(r => r[1])]);
        }
        var mine = "search=" + Uri.EscapeDataString("台账筛选");
        var byNumber = await Export("search=" + Uri.EscapeDataString(green.Text("caseNumber")));
        byNumber.Cases.Should().Equal(green.Id());
        byNumber.StepCases.Should().NotBeEmpty().And.OnlyContain(c => c == green.Id(), "only the kept case's steps");
        (await Export(mine)).Cases.Should().BeEquivalentTo([green.Id(), plain.Id()]);
        (await Export(mine + "&greenChannel=true")).Cases.Should().Equal(green.Id());
        (await Export(mine + "&stage=ConstructionPermit")).Cases.Should().Equal(plain.Id());
        var submitted = await Export(mine + "&state=Submitted");
        submitted.Cases.Should().Equal(plain.Id());
        submitted.StepCases.Should().OnlyContain(c => c == plain.Id());
        (await Export(mine + "&state=InReview&department=rf")).Cases.Should().Equal(green.Id());

        var zh = await supervisor.GetJsonAsync("/api/supervision/ledger.xlsx?state=Lost&level=Overdue", (HttpStatusCode)422);
        zh.Text("title").Should().Be("台账参数无效。");
        zh.GetProperty("errors").GetProperty("state")[0].GetString().Should().StartWith("state 须为以下之一");
        zh.GetProperty("errors").TryGetProperty("level", out _).Should().BeTrue("an export has no deadline filter: named, not ignored");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/supervision/ledger.xlsx?stage=Stage9");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await supervisor.SendAsync(request)).JsonAsync((HttpStatusCode)422);
        en.Text("title").Should().Be("The ledger parameters are not valid.");
        en.GetProperty("errors").GetProperty("stage")[0].GetString().Should().StartWith("stage is one of");
    }

    /// <summary>The parts of a workbook the tests look at, read with the Open XML SDK (not by the code under test).</summary>
    private sealed record Workbook(IReadOnlyList<string> SheetNames, IReadOnlyDictionary<string, Sheet> Sheets)
    {
        public Sheet Sheet(string name) => Sheets[name];

        public static async Task<Workbook> ReadAsync(HttpResponseMessage response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var part = document.WorkbookPart!;
            var formats = part.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>()
                .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!) ?? [];
            var cellFormats = part.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            var sheets = new Dictionary<string, Sheet>();
            var names = new List<string>();
            foreach (var s in part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
            {
                names.Add(s.Name!);
                var worksheet = ((WorksheetPart)part.GetPartById(s.Id!)).Worksheet;
                var pane = worksheet.SheetViews?.Elements<SheetView>().FirstOrDefault()?.Pane;
                var rows = new List<string[]>();
                var dates = new List<bool[]>();
                foreach (var r in worksheet.GetFirstChild<SheetData>()!.Elements<Row>())
                {
                    var cells = r.Elements<Cell>().ToList();
                    rows.Add([.. cells.Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "")]);
                    dates.Add([.. cells.Select(c => c.StyleIndex is { } i && formats.TryGetValue(cellFormats[(int)i.Value].NumberFormatId!.Value, out var code) && code.Contains("yyyy", StringComparison.Ordinal))]);
                }
                sheets[s.Name!] = new Sheet(rows, dates, pane?.State?.Value == PaneStateValues.Frozen && pane.VerticalSplit?.Value == 1,
                    worksheet.GetFirstChild<AutoFilter>()?.Reference?.Value);
            }
            return new Workbook(names, sheets);
        }
    }

    private sealed record Sheet(List<string[]> Rows, List<bool[]> Dates, bool Frozen, string? AutoFilter)
    {
        public bool IsDate(string[] row, int column) => Dates[Rows.IndexOf(row)][column] && row[column] != "";

        public DateTime DateAt(string[] row, int column)
        {
            IsDate(row, column).Should().BeTrue($"column {column} holds an Excel date");
            return DateTime.FromOADate(double.Parse(row[column], CultureInfo.InvariantCulture));
        }
    }
}
