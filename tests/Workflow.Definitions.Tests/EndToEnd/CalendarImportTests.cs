using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.EndToEnd;

public class CalendarImportTests
{
    [Fact]
    public async Task Importing_the_official_2027_schedule_recomputes_open_case_clocks_and_audits_each_change()
    {
        await using var host = await PermitTestHost.StartAsync("2026-12-28T10:00:00+08:00"); // Monday; 30 working days reach into 2027
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.ConstructionPermit)).CaseId);
        var before = file.StatutoryDue;
        file.CalendarVersion.Should().Be("2026.1");
        var status = CaseClocks.ForCase(file, host.Cases.CalendarOf(file))!.Statutory.StatusAt(host.Clock.GetCurrentInstant());
        status.IsProvisional.Should().BeTrue("2027 is computed by the statutory rules until the State Council announces it");

        // A hypothetical announcement: 春节 02-05…02-13 (one day longer than computed) with no make-up day.
        const string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
                           "BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:元旦\r\nEND:VEVENT\r\n" +
                           "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20270205\r\nDTEND;VALUE=DATE:20270214\r\nSUMMARY:春节\r\nEND:VEVENT\r\n" +
                           "END:VCALENDAR\r\n";
        host.Clock.Advance(NodaTime.Duration.FromHours(1));
        var moved = await host.Clocks.ImportOfficialScheduleAsync("cn-mainland", ics, "2027.ics", "2027.1");

        moved.Should().BeGreaterThan(0);
        file = await host.CaseAsync(file.CaseId);
        file.CalendarVersion.Should().Be("2027.1");
        file.StatutoryDue.Should().NotBe(before);
        file.ClockChanges.Should().Contain(c => c.StepId == null && c.StatutoryDueBefore == before && c.StatutoryDueAfter == file.StatutoryDue && c.CalendarVersion == "2027.1");
        (await host.Clocks.RecomputeOpenClocksAsync()).Should().Be(0, "clocks already on the current version are left alone");
    }
}
