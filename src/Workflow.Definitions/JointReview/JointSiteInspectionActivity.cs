using Workflow.Engine.Activities;

namespace Workflow.Definitions.JointReview;

/// <summary>联合踏勘: the departments inspect the site together on a scheduled date; each gives an opinion, the lead consolidates.</summary>
[Activity("Permits", "Permits", "联合踏勘：牵头部门组织各部门按约定时间地点现场踏勘，各部门提出意见，牵头部门汇总。Joint site inspection at a scheduled date and place; each department gives an opinion, the lead consolidates.",
    TypeName = "JointSiteInspection", DisplayName = "联合踏勘 Joint site inspection", Kind = "Task")]
[FlowOutcomes(nameof(JointOutcome.Passed), nameof(JointOutcome.PassedWithConditions), nameof(JointOutcome.Failed))]
public sealed class JointSiteInspectionActivity : JointReviewActivityBase
{
    /// <summary>
    /// The ISO date of the inspection (e.g. 2026-12-03), shown in the step's title; empty means still to be agreed.
    /// </summary>
    [Input(DisplayName = "踏勘日期 Scheduled date", Description = "ISO date of the inspection, e.g. 2026-12-03; empty = to be agreed.", UIHint = "datetime-picker", Order = 4)]
    public Input<string>? ScheduledDate { get; set; }

    /// <summary>Where the departments meet for the inspection, shown in the step's title.</summary>
    [Input(DisplayName = "踏勘地点 Place", Order = 5)]
    public Input<string>? Place { get; set; }

    /// <inheritdoc />
    protected override string SubjectOf(ActivityExecutionContext context) =>
        context.Get(ScheduledDate) is { Length: > 0 } date ? $"联合踏勘（{date} {context.Get(Place)}）" : "联合踏勘";
}
