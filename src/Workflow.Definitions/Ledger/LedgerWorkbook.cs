using NodaTime;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace Workflow.Definitions.Ledger;

/// <summary>
/// Writes the ledger (台账) as an .xlsx with SpreadCheetah, streaming: each row goes to <see cref="Stream"/> as it is read,
/// so memory stays flat whatever the size (docs/ledger-and-feeds.md, "Ledger export"; figure in docs/benchmarks.md). Two sheets,
/// 办件 Cases and 环节 Steps, each with a bold frozen header row and autofilter on it; instants are real Excel date-times in
/// the jurisdiction's zone, limits and working days real numbers.
/// </summary>
public static class LedgerWorkbook
{
    /// <summary>The sheet names, Chinese first.</summary>
    public const string CasesSheet = "办件 Cases";
    /// <summary>The name of the steps sheet, Chinese first.</summary>
    public const string StepsSheet = "环节 Steps";

    /// <summary>The MIME type of the file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The number format of every date-time cell.</summary>
    public const string DateTimeFormat = "yyyy-mm-dd hh:mm";

    /// <summary>The case sheet's header, in column order (zh then en in one cell, so the file reads in either language).</summary>
    public static IReadOnlyList<string> CaseColumns { get; } =
    [
        "办件标识 Case id", "办件编号 Case number", "项目 Project", "阶段 Stage", "事项 Matters", "申报人 Agent", "状态 State", "绿色通道 Green channel",
        "申报时间 Filed", "受理时间 Accepted", "视为受理 Deemed accepted", "法定时限(工作日) Statutory limit", "承诺时限(工作日) Promised limit",
        "法定到期 Statutory due", "承诺到期 Promised due", "办结时间 Completed", "已用工作日 Working days used",
        "中止次数 Suspensions", "办理结果 Outcome", "证照编号 Certificate", "反复退件 Repeated returns", "黄牌 Yellow cards", "红牌 Red cards", "评价 Rating",
    ];

    /// <summary>The step sheet's header, in column order.</summary>
    public static IReadOnlyList<string> StepColumns { get; } =
    [
        "环节编号 Step", "办件标识 Case id", "办件编号 Case number", "项目 Project", "部门 Department", "类型 Kind", "环节 Title", "事项 Matter", "状态 State",
        "开始时间 Opened", "法定时限(工作日) Statutory limit", "承诺时限(工作日) Promised limit", "法定到期 Statutory due",
        "承诺到期 Promised due", "完成时间 Completed", "已用工作日 Working days used", "中止次数 Suspensions", "办理结果 Outcome",
        "经办人 Actor", "补正次数 Supplement requests", "反复退件 Repeated returns", "黄牌 Yellow cards", "红牌 Red cards", "评价 Rating",
    ];

    /// <summary>Writes both sheets to <paramref name="output"/> (which need not be seekable: an HTTP response body will do).</summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<LedgerCase> cases, IAsyncEnumerable<LedgerStep> steps, DateTimeZone zone,
        CancellationToken cancellationToken = default)
    {
        var options = new SpreadCheetahOptions { DefaultDateTimeFormat = NumberFormat.Custom(DateTimeFormat) };
        await using var sheet = await Spreadsheet.CreateNewAsync(output, options, cancellationToken);
        var header = sheet.AddStyle(new Style { Font = { Bold = true } });

        await StartAsync(sheet, CasesSheet, CaseColumns, header, cancellationToken);
        var row = new Cell[CaseColumns.Count];
        await foreach (var c in cases.WithCancellation(cancellationToken))
        {
            var i = 0;
            row[i++] = new(c.CaseId); row[i++] = new(c.CaseNumber); row[i++] = new(c.ProjectName); row[i++] = new(c.Stage); row[i++] = new(c.Matters); row[i++] = new(c.Agent);
            row[i++] = new(c.State); row[i++] = new(c.GreenChannel); row[i++] = At(c.SubmittedAt, zone); row[i++] = At(c.AcceptedAt, zone);
            row[i++] = new(c.DeemedAccepted);
            row[i++] = new(c.StatutoryLimit); row[i++] = new(c.PromisedLimit); row[i++] = At(c.StatutoryDue, zone); row[i++] = At(c.PromisedDue, zone);
            row[i++] = At(c.ClosedAt, zone); row[i++] = new(c.WorkingDaysUsed); row[i++] = new(c.Suspensions); row[i++] = new(c.Outcome);
            row[i++] = new(c.CertificateNumber); row[i++] = new(c.RepeatedReturns); row[i++] = new(c.YellowCards); row[i++] = new(c.RedCards); row[i] = new(c.Rating);
            await sheet.AddRowAsync(row, cancellationToken);
        }

        await StartAsync(sheet, StepsSheet, StepColumns, header, cancellationToken);
        row = new Cell[StepColumns.Count];
        await foreach (var s in steps.WithCancellation(cancellationToken))
        {
            var i = 0;
            row[i++] = new(s.StepId); row[i++] = new(s.CaseId); row[i++] = new(s.CaseNumber); row[i++] = new(s.ProjectName); row[i++] = new(s.Department); row[i++] = new(s.Kind);
            row[i++] = new(s.Title); row[i++] = new(s.Matter); row[i++] = new(s.State); row[i++] = At(s.CreatedAt, zone);
            row[i++] = new(s.StatutoryLimit); row[i++] = new(s.PromisedLimit); row[i++] = At(s.StatutoryDue, zone); row[i++] = At(s.PromisedDue, zone);
            row[i++] = At(s.CompletedAt, zone); row[i++] = new(s.WorkingDaysUsed); row[i++] = new(s.Suspensions); row[i++] = new(s.Outcome);
            row[i++] = new(s.Actor); row[i++] = new(s.SupplementRequests); row[i++] = new(s.RepeatedReturns); row[i++] = new(s.YellowCards); row[i++] = new(s.RedCards); row[i] = new(s.Rating);
            await sheet.AddRowAsync(row, cancellationToken);
        }
        await sheet.FinishAsync(cancellationToken);
    }

    private static async Task StartAsync(Spreadsheet sheet, string name, IReadOnlyList<string> columns, StyleId header, CancellationToken cancellationToken)
    {
        var options = new WorksheetOptions { FrozenRows = 1, AutoFilter = new AutoFilterOptions($"A1:{ColumnName(columns.Count)}1") };
        for (var i = 1; i <= columns.Count; i++) options.Column(i).Width = i == 1 ? 16 : 14;
        await sheet.StartWorksheetAsync(name, options, cancellationToken);
        await sheet.AddRowAsync(columns.Select(c => new Cell(c, header)).ToArray(), cancellationToken);
    }

    // Excel's wall-clock date-time in the jurisdiction's zone (Excel has no zones).
    private static Cell At(Instant? instant, DateTimeZone zone) => new(instant?.InZone(zone).LocalDateTime.ToDateTimeUnspecified());

    /// <summary>A1-style column letters of a 1-based column number.</summary>
    public static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26) name = (char)('A' + (column - 1) % 26) + name;
        return name;
    }
}
