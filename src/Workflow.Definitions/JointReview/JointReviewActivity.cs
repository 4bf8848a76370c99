using Workflow.Engine.Activities;

namespace Workflow.Definitions.JointReview;

/// <summary>联合审查 / 多图联审 / 联合验收: participants review together under a lead that consolidates one opinion.</summary>
[Activity("Permits", "Permits", "联合审查（多图联审、联合验收）：各参与部门在联合时限内提出意见，牵头部门汇总。Joint review: each participating department gives its opinion by the joint deadline; the lead consolidates.",
    TypeName = "JointReview", DisplayName = "联合审查 Joint review", Kind = "Task")]
[FlowOutcomes(nameof(JointOutcome.Passed), nameof(JointOutcome.PassedWithConditions), nameof(JointOutcome.Failed))]
public sealed class JointReviewActivity : JointReviewActivityBase
{
    /// <summary>
    /// The matters this joint review decides, for the record; the steps go to the participants, not to the matters'
    /// departments.
    /// </summary>
    [Input(DisplayName = "事项 Matters", Description = "The matters this joint review decides (for the record).", UIHint = "checklist", OptionsProvider = typeof(Catalogue.CatalogueOptions), TypeName = "String[]", Order = 4)]
    public Input<string[]>? Matters { get; set; }

    /// <summary>What the joint review is called in inboxes (e.g. 竣工联合验收); empty means 联合审查.</summary>
    [Input(DisplayName = "名称 Subject", Description = "What the joint review is called in inboxes, e.g. 竣工联合验收.", DefaultValue = "联合审查", Order = 5)]
    public Input<string>? Subject { get; set; }

    /// <inheritdoc />
    protected override string SubjectOf(ActivityExecutionContext context) => context.Get(Subject) is { Length: > 0 } s ? s : "联合审查";
}
