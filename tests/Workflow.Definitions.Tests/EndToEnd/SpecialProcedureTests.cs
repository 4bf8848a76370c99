using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.EndToEnd;

public class SpecialProcedureTests
{
    private static readonly string[] OneMatter = ["ZRZY-003"];

    private static async Task<(PermitTestHost Host, CaseFile File)> ReviewedAsync(string unit, int days)
    {
        var host = await StartAsync("2025-03-03T09:30:00+08:00");
        await host.PublishAsync("stage-2-engineering-permit", StageJson.With("stage-2-engineering-permit", "Permits.SpecialProcedure",
            StageJson.Literal("durationUnit", "String", unit), StageJson.Literal("duration", "Int32", days.ToString()), StageJson.Literal("procedure", "String", "ExpertReview")));
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.EngineeringConstructionPermit, OneMatter)).CaseId);
        host.SetClock("2025-03-04T10:00:00+08:00"); // Tuesday
        (file, _) = await host.ActAsync(file.Steps.Single(s => s.Kind == StepKind.Review).Id, "Approved");
        return (host, file);
    }

    [Fact]
    public async Task A_procedure_counted_in_working_days_stops_the_case_clocks_for_exactly_that_many_working_days()
    {
        var (host, file) = await ReviewedAsync("WorkingDays", 2);
        await using var owner = host;
        var promisedBefore = At("2025-03-24T17:30:00+08:00"); // 15 working days from Monday 3 March
        file.Suspensions.Should().ContainSingle(s => s.End == null && s.Reason == "特别程序：专家评审");
        // The suspension names what holds the clocks and until when, for the pages (issue #13, item 7).
        file.Suspensions.Single().Procedure.Should().Be(Workflow.Definitions.SpecialProcedures.SpecialProcedureKind.ExpertReview);
        file.Suspensions.Single().PlannedEnd.Should().Be(At("2025-03-06T17:30:00+08:00"), "two working days after Tuesday 10:00: Thursday's close of office");
        Workflow.Definitions.Tracking.ClockHold.Of(file.Suspensions).Should().Be(new Workflow.Definitions.Tracking.ClockHold("特别程序：专家评审", Workflow.Definitions.SpecialProcedures.SpecialProcedureKind.ExpertReview,
            At("2025-03-04T10:00:00+08:00"), At("2025-03-06T17:30:00+08:00")));

        host.SetClock("2025-03-06T17:29:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(0, "two working days after Tuesday 10:00 end at Thursday's close of office");
        host.SetClock("2025-03-06T17:31:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(1);

        file = await host.CaseAsync(file.CaseId);
        file.State.Should().Be(CaseState.Issued);
        file.Suspensions.Single().End.Should().Be(At("2025-03-06T17:31:00+08:00"));
        // Held from Tuesday 10:00 (6 of its 7 office hours left) through Wednesday and Thursday: 2 6/7 working days,
        // so the promised due moves from Monday 24 March 17:30 to Thursday 27 March, 6 office hours in: 16:30.
        file.PromisedDue.Should().Be(At("2025-03-27T16:30:00+08:00"));
        (file.PromisedDue > promisedBefore).Should().BeTrue();
    }

    [Fact]
    public async Task A_procedure_until_completed_puts_a_step_in_the_lead_departments_inbox_and_ends_when_it_is_done()
    {
        var (host, file) = await ReviewedAsync("UntilCompleted", 0);
        await using var owner = host;
        var step = file.Steps.Single(s => s.Kind == StepKind.SpecialProcedure && s.IsOpen);
        step.Department.Should().Be("zrzy", "the stage's lead department");
        file.Suspensions.Single().PlannedEnd.Should().BeNull("it lasts until the department completes it");

        host.Clock.Advance(Duration.FromDays(3));
        (file, _) = await host.ActAsync(step.Id, "Done", "reviewer-zrzy");

        file.State.Should().Be(CaseState.Issued);
        file.Suspensions.Should().ContainSingle().Which.End.Should().Be(host.Clock.GetCurrentInstant());
    }
}
