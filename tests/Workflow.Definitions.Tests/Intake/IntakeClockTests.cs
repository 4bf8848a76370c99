using Microsoft.Extensions.DependencyInjection;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Definitions.Tracking;

namespace Workflow.Definitions.Tests.Intake;

/// <summary>The intake clock (docs/domain.md, *The intake clock*) on the fake clock and the cn-mainland calendar.</summary>
public class IntakeClockTests
{
    [Fact]
    public async Task An_intake_left_undecided_past_its_five_working_days_is_deemed_accepted_on_the_day_of_receipt_and_counts_against_the_window()
    {
        // Filed Monday 2025-03-03 09:30; five working days end at the close of office on Monday 2025-03-10.
        await using var host = await PermitTestHost.StartAsync("sqlite", "2025-03-03T09:30:00+08:00");
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, null, "ZJJ-003-PLAN");
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        intake.StatutoryDue.Should().Be(PermitTestHost.At("2025-03-10T17:30:00+08:00"));

        host.SetClock("2025-03-10T17:29:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(0);
        (await host.CaseAsync(file.CaseId)).State.Should().Be(CaseState.Submitted);
        host.SetClock("2025-03-10T17:31:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(1);

        file = await host.CaseAsync(file.CaseId);
        file.DeemedAccepted.Should().BeTrue();
        file.State.Should().Be(CaseState.InReview, "the workflow goes on as after an acceptance, even with a material missing: the window did not say so in time");
        file.AcceptedAt.Should().Be(PermitTestHost.At("2025-03-03T09:30:00+08:00"), "accepted as of the day the materials were received");
        var closed = file.Steps.Single(s => s.Id == intake.Id);
        (closed.State, closed.Outcome, closed.Actor).Should().Be((StepState.Completed, "Accepted", "system"));
        file.Steps.Should().Contain(s => s.Kind == StepKind.Review && s.IsOpen);

        var dashboard = await host.Services.GetRequiredService<SupervisionQueries>().DashboardAsync(
            PermitTestHost.At("2025-03-01T00:00:00+08:00"), PermitTestHost.At("2025-03-31T00:00:00+08:00"));
        var window = dashboard.Departments.Single(d => d.Department == PermitActivity.FrontDesk);
        window.Items[SupervisionFigure.LateStatutory].Select(i => i.StepId).Should().Equal(intake.Id);

        // A clerk acting now finds the step closed.
        var act = () => host.ActAsync(intake.Id, "SupplementRequired", "frontdesk");
        await act.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task A_decision_in_time_stops_the_intake_clock()
    {
        await using var host = await PermitTestHost.StartAsync("sqlite", "2025-03-03T09:30:00+08:00");
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit);
        host.SetClock("2025-03-05T10:00:00+08:00");
        file = await host.AcceptAsync(file.CaseId);
        file.AcceptedAt.Should().Be(PermitTestHost.At("2025-03-05T10:00:00+08:00"));
        host.SetClock("2025-03-20T10:00:00+08:00");
        await host.FireDueTimersAsync();
        file = await host.CaseAsync(file.CaseId);
        file.DeemedAccepted.Should().BeFalse();
        file.AcceptedAt.Should().Be(PermitTestHost.At("2025-03-05T10:00:00+08:00"));
    }
}
