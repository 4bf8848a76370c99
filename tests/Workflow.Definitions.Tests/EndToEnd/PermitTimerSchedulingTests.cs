using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Scheduling;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.EndToEnd;

/// <summary>The permit timers go through the engine's one scheduler and its handler seam (docs/scheduling.md).</summary>
public class PermitTimerSchedulingTests
{
    [Theory]
    [MemberData(nameof(PermitTestHost.Providers), MemberType = typeof(PermitTestHost))]
    public async Task Two_schedulers_sweeping_at_once_fire_a_joint_deadline_once_and_deem_the_missing_opinion_agreed_once(string provider)
    {
        await using var host = await StartAsync(provider, "2025-06-02T09:00:00+08:00");
        var file = await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.CompletionAcceptance)).CaseId);
        var opinions = file.Steps.Where(s => s.Kind == StepKind.JointOpinion).ToList();
        foreach (var step in opinions.Skip(1))
            await host.ActAsync(step.Id, "Agree", "reviewer-" + step.Department);

        // Two schedulers (own lease owners) sweep concurrently three days after the deadline (16 June 17:30).
        host.SetClock("2025-06-19T10:00:00+08:00");
        var schedulers = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<WorkflowScheduler>(host.Services)).ToList();
        var fired = (await Task.WhenAll(schedulers.Select(s => Task.Run(() => s.FireDueAsync())))).Sum();

        fired.Should().Be(1, "one joint deadline was due");
        file = await host.CaseAsync(file.CaseId);
        file.Opinions.Count(o => o.StepId == opinions[0].Id).Should().Be(1, "the late opinion is deemed agreement once");
        file.FindStep(opinions[0].Id)!.Actor.Should().Be("system");
        (await host.FireDueTimersAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_timer_of_an_activity_that_completed_is_cancelled_with_it_and_never_fires()
    {
        // Today's behaviour kept: a permit timer belongs to its activity; when every opinion is in and the lead
        // consolidates, the joint review completes and its deadline timer goes with it.
        await using var host = await StartAsync("2025-06-02T09:00:00+08:00");
        var file = await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.CompletionAcceptance)).CaseId);
        foreach (var step in file.Steps.Where(s => s.Kind == StepKind.JointOpinion).ToList())
            await host.ActAsync(step.Id, "Agree", "reviewer-" + step.Department);
        var lead = (await host.CaseAsync(file.CaseId)).Steps.Single(s => s.Kind == StepKind.JointConsolidation);
        await host.ActAsync(lead.Id, "Passed", "reviewer-zjj");

        host.Clock.Advance(Duration.FromDays(30));
        (await host.FireDueTimersAsync()).Should().Be(0);
        (await host.CaseAsync(file.CaseId)).State.Should().Be(CaseState.Issued);
    }
}
