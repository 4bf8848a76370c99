using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Tests.EndToEnd;
using Workflow.Definitions.Tracking;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

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

    // The tests below apply for ZJJ-003 alone on Monday 2025-03-03 09:30 (no holiday in March 2025); office hours are
    // 09:00–12:00 and 13:30–17:30, seven hours a working day, and the filing day itself is not counted.

    [Fact]
    public async Task A_matter_with_a_three_day_intake_limit_gets_its_due_at_the_close_of_the_third_working_day_and_lapses_then()
    {
        await using var host = await PermitTestHost.StartAsync("sqlite", "2025-03-03T09:30:00+08:00",
            CatalogueWith("ZJJ-003", m => m["intakeLimit"] = 3));
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);

        // Tuesday, Wednesday, Thursday: due Thursday 2025-03-06 at the close of office, on both clocks.
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        intake.StatutoryDue.Should().Be(PermitTestHost.At("2025-03-06T17:30:00+08:00"));
        intake.PromisedDue.Should().Be(PermitTestHost.At("2025-03-06T17:30:00+08:00"));

        host.SetClock("2025-03-06T17:29:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(0, "not the five days of the default: the matter's three");
        (await host.CaseAsync(file.CaseId)).DeemedAccepted.Should().BeFalse();
        host.SetClock("2025-03-06T17:31:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(1);
        file = await host.CaseAsync(file.CaseId);
        file.DeemedAccepted.Should().BeTrue();
        file.AcceptedAt.Should().Be(PermitTestHost.At("2025-03-03T09:30:00+08:00"));
    }

    [Fact]
    public async Task The_intake_step_is_in_warning_from_its_warning_instant_before_it_is_due()
    {
        await using var host = await PermitTestHost.StartAsync("sqlite", "2025-03-03T09:30:00+08:00",
            CatalogueWith("ZJJ-003", m => m["intakeLimit"] = 3));
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);

        // Warning from min(limit − 1 day, 80 % of the limit) = min(2, 2.4) = 2 working days used: Wednesday 2025-03-05 at the close of office.
        (await RowOf(host, intake.Id)).WarningAt.Should().Be(PermitTestHost.At("2025-03-05T17:30:00+08:00"));

        host.SetClock("2025-03-05T17:00:00+08:00");
        (await InWarningAsync(host)).Should().BeEmpty("half an hour before the warning instant");

        // Thursday 10:00: one of the day's seven office hours used, six left: 0.9 of a working day, not yet due.
        host.SetClock("2025-03-06T10:00:00+08:00");
        var warning = (await InWarningAsync(host)).Should().ContainSingle().Subject;
        warning.Step.Id.Should().Be(intake.Id);
        warning.Clocks!.Statutory.Level.Should().Be(DeadlineLevel.Warning);
        warning.Clocks.Statutory.RemainingWorkingDays.Should().Be(0.9);
    }

    [Fact]
    public async Task A_matter_that_only_warns_leaves_the_intake_step_open_and_overdue_past_its_due()
    {
        await using var host = await PermitTestHost.StartAsync("sqlite", "2025-03-03T09:30:00+08:00",
            CatalogueWith("ZJJ-003", m => m["intakeLapse"] = nameof(IntakeLapse.WarnOnly)));
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.ConstructionPermit, ["ZJJ-003"]);
        var intake = file.Steps.Single(s => s.Kind == StepKind.Intake);
        intake.StatutoryDue.Should().Be(PermitTestHost.At("2025-03-10T17:30:00+08:00"), "the default five working days");
        // Overdue from the first moment of office time after the due instant: Tuesday 2025-03-11 09:00.
        (await RowOf(host, intake.Id)).OverdueAt.Should().Be(PermitTestHost.At("2025-03-11T09:00:00+08:00") + Duration.FromNanoseconds(1));

        host.SetClock("2025-03-11T10:00:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(0, "no deadline timer: only the cards");
        file = await host.CaseAsync(file.CaseId);
        file.DeemedAccepted.Should().BeFalse();
        file.AcceptedAt.Should().BeNull();
        file.State.Should().Be(CaseState.Submitted);
        file.Steps.Single(s => s.Id == intake.Id).State.Should().Be(StepState.Open);
        var overdue = await host.Services.GetRequiredService<InboxQueries>().PageAsync(PermitActivity.FrontDesk,
            new StepListFilter(Level: DeadlineLevel.Overdue), 1, 50);
        overdue.Items.Should().ContainSingle().Which.Step.Id.Should().Be(intake.Id);

        // The clerk can still decide.
        file = await host.AcceptAsync(file.CaseId);
        file.AcceptedAt.Should().Be(PermitTestHost.At("2025-03-11T10:00:00+08:00"));
        file.DeemedAccepted.Should().BeFalse();
    }

    /// <summary>The sample catalogue with one matter's entry changed (as a jurisdiction's own catalogue file would say).</summary>
    private static MatterCatalogue CatalogueWith(string matter, Action<JsonObject> change)
    {
        using var stream = typeof(MatterCatalogue).Assembly.GetManifestResourceStream("Workflow.Definitions.Catalogue.sample-catalogue.json")!;
        var json = JsonNode.Parse(stream)!;
        change(json["matters"]!.AsArray().Single(m => (string?)m!["code"] == matter)!.AsObject());
        return MatterCatalogue.Parse(json.ToJsonString(), "intake-clock.json");
    }

    private static async Task<StepRow> RowOf(PermitTestHost host, string stepId)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        return await db.Set<StepRow>().AsNoTracking().SingleAsync(s => s.Id == stepId);
    }

    private static async Task<IReadOnlyList<InboxEntry>> InWarningAsync(PermitTestHost host) =>
        (await host.Services.GetRequiredService<InboxQueries>().PageAsync(PermitActivity.FrontDesk, new StepListFilter(Level: DeadlineLevel.Warning), 1, 50)).Items;
}
