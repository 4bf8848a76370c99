using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Messages;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.EndToEnd;

/// <summary>
/// A deadline an activity sets while it runs (a joint review's, a special procedure's end) that falls in a year the
/// working calendar does not cover (the shipped cn-mainland calendar ends with 2030) refuses the action that led there
/// with the same rule as the up-front checks, naming 2031, and leaves case and instance as they were (issue #13: before,
/// the activity threw, the instance faulted and the action was answered as if it had worked).
/// </summary>
public class DeadlinesPastTheCalendarTests
{
    [Fact]
    public async Task A_joint_review_whose_deadline_falls_past_the_calendar_refuses_the_acceptance_that_starts_it()
    {
        await using var host = await StartAsync("2030-11-01T09:30:00+08:00"); // a Friday in the last covered year
        // A designer gives the joint acceptance 60 working days: from 1 November 2030 that ends in 2031.
        await host.PublishAsync("stage-4-completion-acceptance",
            StageJson.With("stage-4-completion-acceptance", "Permits.JointReview", StageJson.Literal("limit", "Int32", "60")));
        var file = await host.ApplyAsync(await host.ProjectAsync(), Stage.CompletionAcceptance);

        var refusal = await FluentActions.Awaiting(() => host.AcceptAsync(file.CaseId)).Should().ThrowAsync<PermitRuleViolation>();
        var message = refusal.Which.Errors["calendar"].Should().ContainSingle().Which;
        (message.Code, message.Arguments.Single()).Should().Be((RuleCodes.CalendarYearUncovered, (object)"2031"));

        var (after, instance) = (await host.Cases.FindAsync(file.CaseId))!.Value;
        after.State.Should().Be(CaseState.Submitted, "nothing of the acceptance was saved");
        after.Steps.Should().ContainSingle(s => s.IsOpen && s.Kind == StepKind.Intake);
        after.Steps.Should().NotContain(s => s.Kind == StepKind.JointOpinion);
        instance.Fault.Should().BeNull("a refusal abandons the run, it does not fault the instance");

        // The day itself is fine for an acceptance: with the shipped 10-day joint limit the same day accepts.
        await host.PublishAsync("stage-4-completion-acceptance", StageJson.With("stage-4-completion-acceptance", "Permits.JointReview"));
        var other = await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.CompletionAcceptance)).CaseId);
        other.State.Should().Be(CaseState.InReview);
        other.Steps.Should().Contain(s => s.Kind == StepKind.JointOpinion && s.IsOpen);
    }

    [Fact]
    public async Task A_special_procedure_whose_end_falls_past_the_calendar_refuses_the_approval_that_starts_it()
    {
        await using var host = await StartAsync("2030-11-01T09:30:00+08:00");
        await host.PublishAsync("stage-2-engineering-permit", StageJson.With("stage-2-engineering-permit", "Permits.SpecialProcedure",
            StageJson.Literal("durationUnit", "String", "WorkingDays"), StageJson.Literal("duration", "Int32", "60"),
            StageJson.Literal("procedure", "String", "ExpertReview")));
        var file = await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.EngineeringConstructionPermit, ["ZRZY-003"])).CaseId);
        var review = file.Steps.Single(s => s.Kind == StepKind.Review && s.IsOpen);
        host.SetClock("2030-11-04T10:00:00+08:00"); // Monday; 60 working days later is in 2031

        var refusal = await FluentActions.Awaiting(() => host.ActAsync(review.Id, "Approved")).Should().ThrowAsync<PermitRuleViolation>();
        var message = refusal.Which.Errors["calendar"].Should().ContainSingle().Which;
        (message.Code, message.Arguments.Single()).Should().Be((RuleCodes.CalendarYearUncovered, (object)"2031"));

        var (after, instance) = (await host.Cases.FindAsync(file.CaseId))!.Value;
        after.FindStep(review.Id)!.IsOpen.Should().BeTrue("the approval was not saved");
        after.Suspensions.Should().BeEmpty();
        instance.Fault.Should().BeNull();
    }
}
