using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Tests.EndToEnd;

namespace Workflow.Definitions.Tests.JointReview;

/// <summary>What the lead's consolidation offers (docs/domain.md, *The rules*, joint review), on stage 4's joint acceptance.</summary>
public class JointOfferTests
{
    [Fact]
    public async Task The_lead_is_offered_nothing_before_every_opinion_and_only_Failed_after_a_disagreement_and_conditions_come_once()
    {
        await using var host = await PermitTestHost.StartAsync();
        var file = await host.AcceptAsync((await host.ApplyAsync(await host.ProjectAsync(), Stage.CompletionAcceptance)).CaseId);
        var lead = file.Steps.Single(s => s.Kind == StepKind.JointConsolidation && s.IsOpen);
        var opinions = file.Steps.Where(s => s.Kind == StepKind.JointOpinion && s.IsOpen).ToList();
        StepActionRules.OutcomesOf(file, lead).Should().BeEmpty("opinions are outstanding");

        await host.ActAsync(opinions[0].Id, "Disagree", opinion: "消防设施未按图施工");
        foreach (var step in opinions.Skip(1))
            file = (await host.ActAsync(step.Id, "AgreeWithConditions", conditions: ["三十日内补交竣工图"])).File;
        StepActionRules.OutcomesOf(file, lead).Should().Equal("Failed");

        var (closed, _) = await host.ActAsync(lead.Id, "Failed", opinion: "不予通过", conditions: ["三十日内补交竣工图", " 三十日内补交竣工图 "]);
        closed.Steps.Single(s => s.Id == lead.Id).Conditions.Should().Equal("三十日内补交竣工图");
    }
}
