using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using static Workflow.Definitions.Tests.EndToEnd.PermitTestHost;

namespace Workflow.Definitions.Tests.EndToEnd;

public class JointDeadlineTests
{
    [Fact]
    public async Task An_opinion_not_given_by_the_joint_deadline_is_deemed_agreement_and_the_lead_can_consolidate()
    {
        await using var host = await StartAsync("2025-06-02T09:00:00+08:00"); // Monday; the joint limit is 10 working days
        var project = await host.ProjectAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(project, Stage.CompletionAcceptance)).CaseId);
        var opinions = file.Steps.Where(s => s.Kind == StepKind.JointOpinion).ToList();
        foreach (var step in opinions.Take(opinions.Count - 1))
            await host.ActAsync(step.Id, "Agree", "reviewer-" + step.Department);
        var late = opinions[^1];

        host.SetClock("2025-06-16T17:29:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(0, "the deadline is the close of office of the 10th working day (Dragon Boat 5-31…6-2 is before the start)");
        host.SetClock("2025-06-16T17:31:00+08:00");
        (await host.FireDueTimersAsync()).Should().Be(1);

        file = await host.CaseAsync(file.CaseId);
        var deemed = file.FindStep(late.Id)!;
        (deemed.State, deemed.Outcome, deemed.Actor).Should().Be((StepState.Completed, "Agree", "system"));
        deemed.Opinion.Should().Contain("视为同意");
        var lead = file.Steps.Single(s => s.Kind == StepKind.JointConsolidation);
        (file, _) = await host.ActAsync(lead.Id, "Passed", "reviewer-zjj");
        file.State.Should().Be(CaseState.Issued);
    }
}
