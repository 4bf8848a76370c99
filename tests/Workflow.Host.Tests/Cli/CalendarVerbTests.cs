using Workflow.Host.Cli;

namespace Workflow.Host.Tests.Cli;

/// <summary>The <c>calendar</c> verbs of docs/cli.md, through <see cref="CliApp.RunAsync"/>.</summary>
public sealed class CalendarVerbTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wf-calendars-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = await CliApp.RunAsync(["calendar", .. args, "--calendars", _folder], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static TheoryData<string, string, string[], string> Examples => new()
    {
        { "2025-09-26T10:00+08:00", "5", [], "2025-10-10T17:30+08:00" },
        { "2025-09-26T10:00+08:00", "5", ["2025-09-29T13:30+08:00/2025-09-30T12:00+08:00"], "2025-10-11T17:30+08:00" },
        { "2025-09-26T10:00+08:00", "5", ["2025-09-29T09:00+08:00/2025-09-29T12:00+08:00"], "2025-10-11T12:00+08:00" },
        { "2025-09-26T10:00+08:00", "5", ["2025-09-26T11:00+08:00/2025-09-26T15:00+08:00"], "2025-10-10T17:30+08:00" },
        { "2025-09-26T10:00+08:00", "5", ["2025-09-29T09:00+08:00/2025-09-29T17:30+08:00", "2025-09-29T13:30+08:00/2025-09-30T12:00+08:00"], "2025-10-13T12:00+08:00" },
        { "2026-02-13T16:00+08:00", "3", [], "2026-02-25T17:30+08:00" },
        { "2024-12-31T09:30+08:00", "3", [], "2025-01-06T17:30+08:00" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Due_prints_the_worked_examples_and_an_explanation(string start, string days, string[] suspensions, string due)
    {
        var args = new List<string> { "due", "--calendar", "cn-mainland", "--start", start, "--working-days", days };
        foreach (var s in suspensions)
            args.AddRange(["--suspend", s]);

        var (code, output, err) = await Run([.. args]);

        code.Should().Be(0, err);
        var lines = output.TrimEnd('\n').Split('\n');
        lines.Should().HaveCount(2);
        lines[0].Should().Be(due);
        lines[1].Should().Contain("start day is not counted");
    }

    [Fact]
    public async Task Due_accepts_Z_and_local_times_in_the_calendars_zone()
    {
        (await Run("due", "--calendar", "cn-mainland", "--start", "2025-09-26T02:00Z", "--working-days", "5", "--suspend", "2025-09-29T09:00/12:00")).Out
            .Should().StartWith("2025-10-11T12:00+08:00\n");
    }

    [Fact]
    public async Task Days_prints_one_line_per_day_with_provisional_marks()
    {
        var (code, output, _) = await Run("days", "--calendar", "cn-mainland", "--from", "2026-12-31", "--to", "2027-01-04");

        code.Should().Be(0);
        output.Should().Be("2026-12-31 W\n2027-01-01 R?\n2027-01-02 R?\n2027-01-03 R?\n2027-01-04 W?\n");
        (await Run("days", "--calendar", "cn-mainland", "--from", "2025-09-27", "--to", "2025-09-28")).Out.Should().Be("2025-09-27 R\n2025-09-28 W\n");
    }

    [Fact]
    public async Task Add_working_days_prints_one_date()
    {
        (await Run("add-working-days", "--calendar", "cn-mainland", "--date", "2025-09-26", "--days", "5")).Out.Should().Be("2025-10-10\n");
        (await Run("add-working-days", "--calendar", "cn-mainland", "--date", "2025-10-01", "--days", "0")).Out.Should().Be("2025-10-01\n");
        (await Run("add-working-days", "--calendar", "weekdays", "--date", "2025-10-01", "--days", "2")).Out.Should().Be("2025-10-03\n");
    }

    [Theory]
    [InlineData("error: Unknown calendar 'mars'. Known calendars: cn-mainland, weekdays.", "days", "--calendar", "mars", "--from", "2025-01-01", "--to", "2025-01-02")]
    [InlineData("error: Date 2019-12-31 is outside calendar 'cn-mainland', which covers 2020-01-01..2030-12-31.", "days", "--calendar", "cn-mainland", "--from", "2019-12-31", "--to", "2020-01-02")]
    [InlineData("error: Date 2031-01-01 is outside calendar 'cn-mainland', which covers 2020-01-01..2030-12-31.", "add-working-days", "--calendar", "cn-mainland", "--date", "2030-12-20", "--days", "20")]
    [InlineData("error: Date 2031-01-01 is outside calendar 'cn-mainland', which covers 2020-01-01..2030-12-31.", "due", "--calendar", "cn-mainland", "--start", "2030-12-20T10:00+08:00", "--working-days", "20")]
    [InlineData("error: --days must be 0 or more, not -1.", "add-working-days", "--calendar", "cn-mainland", "--date", "2025-01-01", "--days", "-1")]
    [InlineData("error: --date '2025-13-01' is not a date (YYYY-MM-DD).", "add-working-days", "--calendar", "cn-mainland", "--date", "2025-13-01", "--days", "1")]
    [InlineData("error: missing --to.", "days", "--calendar", "cn-mainland", "--from", "2025-01-01")]
    [InlineData("error: --start 'tomorrow' is not an ISO 8601 instant such as 2025-09-26T10:00+08:00.", "due", "--calendar", "cn-mainland", "--start", "tomorrow", "--working-days", "3")]
    [InlineData("error: --suspend '2025-09-29T09:00+08:00' is not FROM/TO.", "due", "--calendar", "cn-mainland", "--start", "2025-09-26T10:00+08:00", "--working-days", "3", "--suspend", "2025-09-29T09:00+08:00")]
    [InlineData("error: unknown option '--frm'.", "days", "--calendar", "cn-mainland", "--frm", "2025-01-01")]
    public async Task Errors_exit_2_with_one_line(string message, params string[] args)
    {
        var (code, output, err) = await Run(args);

        code.Should().Be(2);
        output.Should().BeEmpty();
        err.Should().Be(message + "\n");
    }

    [Fact]
    public async Task Unknown_subcommand_exits_2()
    {
        var (code, _, err) = await Run("weeks");
        code.Should().Be(2);
        err.Should().StartWith("error: unknown calendar command 'weeks'.").And.NotContain("\n  ");
    }

    [Fact]
    public async Task Export_then_import_creates_a_user_calendar_with_the_same_days()
    {
        var (code, ics, _) = await Run("export-ics", "--calendar", "cn-mainland");
        code.Should().Be(0);
        ics.Should().StartWith("BEGIN:VCALENDAR\r\n").And.EndWith("END:VCALENDAR\r\n");
        var file = Path.Combine(Path.GetTempPath(), $"cn-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics);
        try
        {
            var imported = await Run("import-ics", file, "--id", "cn-copy", "--base", "cn-mainland");
            imported.Code.Should().Be(0, imported.Err);
            File.Exists(Path.Combine(_folder, "cn-copy.json")).Should().BeTrue();

            var original = await Run("days", "--calendar", "cn-mainland", "--from", "2020-01-01", "--to", "2026-12-31");
            var copy = await Run("days", "--calendar", "cn-copy", "--from", "2020-01-01", "--to", "2026-12-31");
            copy.Out.Should().Be(original.Out);
            (await Run("days", "--calendar", "cn-copy", "--from", "2027-02-05", "--to", "2027-02-05")).Out
                .Should().Be("2027-02-05 R\n", "the imported copy treats every year of the file as official");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Importing_an_official_year_into_cn_mainland_overrides_the_shipped_calendar_from_the_user_folder()
    {
        var file = Path.Combine(Path.GetTempPath(), $"2027-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" +
            "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270103\r\nSUMMARY:元旦\r\nEND:VEVENT\r\n" +
            "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270103\r\nSUMMARY:元旦 调休上班\r\nX-WORKFLOW-KIND:WORKDAY\r\nEND:VEVENT\r\n" +
            "END:VCALENDAR\r\n");
        try
        {
            (await Run("due", "--calendar", "cn-mainland", "--start", "2026-12-30T10:00+08:00", "--working-days", "3")).Out.Should().StartWith("2027-01-05T17:30+08:00\n");

            var result = await Run("import-ics", file, "--id", "cn-mainland");
            result.Code.Should().Be(0, result.Err);

            (await Run("days", "--calendar", "cn-mainland", "--from", "2027-01-01", "--to", "2027-01-04")).Out
                .Should().Be("2027-01-01 R\n2027-01-02 R\n2027-01-03 W\n2027-01-04 W\n");
            (await Run("days", "--calendar", "cn-mainland", "--from", "2028-01-01", "--to", "2028-01-01")).Out.Should().Be("2028-01-01 R?\n");
            var due = await Run("due", "--calendar", "cn-mainland", "--start", "2026-12-30T10:00+08:00", "--working-days", "3");
            due.Out.Should().StartWith("2027-01-04T17:30+08:00\n").And.NotContain("PROVISIONAL");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_broken_user_calendar_exits_1_naming_the_file_and_the_date()
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, "bad.json"),
            """{ "id": "bad", "timeZone": "Asia/Shanghai", "restDays": ["Saturday","Sunday"], "official": { "from": "2025-01-01", "to": "2025-12-31" }, "holidays": [ { "name": "x", "date": "2025-09-28" } ], "makeUpDays": [ { "date": "2025-09-28" } ] }""");

        var (code, _, err) = await Run("days", "--calendar", "cn-mainland", "--from", "2025-01-01", "--to", "2025-01-01");

        code.Should().Be(1);
        err.Should().Contain("bad.json").And.Contain("2025-09-28");
    }
}
