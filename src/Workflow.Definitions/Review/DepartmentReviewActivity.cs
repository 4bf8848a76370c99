using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Activities;

namespace Workflow.Definitions.Review;

/// <summary>
/// A department's review of one matter: a step in that department's inbox (optionally for a post or a person) with
/// statutory and promised limits, by default the catalogue's. A supplement request keeps the step open with its
/// clocks stopped unless <see cref="SupplementLeavesStep"/> routes it out through the <c>SupplementRequested</c> port.
/// </summary>
[Activity("Permits", "Permits", "部门审查：指定部门审查一个事项，可准予、附条件准予、不予许可或要求补正（补正期间暂停计时）。A department reviews one matter: approve, approve with conditions, reject, or request a supplement (clocks stop while waiting).",
    TypeName = "DepartmentReview", DisplayName = "部门审查 Department review", Kind = "Task")]
[FlowOutcomes(nameof(ReviewOutcome.Approved), nameof(ReviewOutcome.ApprovedWithConditions), nameof(ReviewOutcome.Rejected), nameof(ReviewOutcome.SupplementRequested))]
public sealed class DepartmentReviewActivity : PermitActivity
{
    /// <summary>The code of the department whose inbox gets the step.</summary>
    [Input(DisplayName = "审查部门 Department", UIHint = "dropdown", OptionsProvider = typeof(CatalogueOptions), Order = 1)]
    public Input<string>? Department { get; set; }

    /// <summary>The code of the matter reviewed; it supplies the default limits.</summary>
    [Input(DisplayName = "事项 Matter", UIHint = "dropdown", OptionsProvider = typeof(CatalogueOptions), Order = 2)]
    public Input<string>? Matter { get; set; }

    /// <summary>An optional post (岗位) within the department that should act (e.g. 科长审核).</summary>
    [Input(DisplayName = "岗位 Post", Description = "Optional post within the department (e.g. 科长审核).", Order = 3)]
    public Input<string>? Post { get; set; }

    /// <summary>An optional user name of the reviewer the step is assigned to (<see cref="StepRecord.Assignee"/>).</summary>
    [Input(DisplayName = "承办人 Assignee", Description = "Optional user name of the reviewer.", Order = 4)]
    public Input<string>? Assignee { get; set; }

    /// <summary>The step's statutory limit in working days; 0 takes the catalogue's limit for the matter.</summary>
    [Input(DisplayName = "法定时限（工作日）Statutory limit", Description = "Working days; 0 = the catalogue's limit for the matter.", DefaultValue = 0, Order = 5)]
    public Input<int>? StatutoryLimit { get; set; }

    /// <summary>The step's promised limit in working days; 0 takes the catalogue's (green-channel) promised limit.</summary>
    [Input(DisplayName = "承诺时限（工作日）Promised limit", Description = "Working days; 0 = the catalogue's (green-channel) promised limit.", DefaultValue = 0, Order = 6)]
    public Input<int>? PromisedLimit { get; set; }

    /// <summary>
    /// When true, a supplement request completes the step through the <c>SupplementRequested</c> port; when false the
    /// step stays open with its clocks stopped.
    /// </summary>
    [Input(DisplayName = "补正即结束环节 Supplement leaves the step", Description = "When set, a supplement request completes the step through the SupplementRequested port instead of keeping it open.", UIHint = "checkbox", DefaultValue = false, Order = 7)]
    public Input<bool>? SupplementLeavesStep { get; set; }

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var catalogue = CatalogueOf(context);
        var matter = catalogue.FindMatter(context.Get(Matter) ?? "");
        var department = context.Get(Department) is { Length: > 0 } d ? d : matter?.Department ?? "";
        var statutory = context.Get(StatutoryLimit) is > 0 and var s ? s : matter?.StatutoryLimit ?? 0;
        var promised = context.Get(PromisedLimit) is > 0 and var p ? p : matter?.PromisedLimitFor(file.GreenChannel) ?? statutory;
        OpenStep(context, file, StepKind.Review, department, TitleOf(catalogue, matter, department), matter?.Code,
            statutory, Math.Min(promised, statutory), context.Get(Post), context.Get(Assignee));
        SaveCase(context, file);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var step = ResumedStep(context, file) ?? throw new InvalidOperationException($"Review {context.ActivityId} was resumed without its step.");
        var outcome = ReviewFlow.Apply(context, file, step, ActionOf(context), context.Get(SupplementLeavesStep));
        SaveCase(context, file);
        if (outcome is { } decided) context.Complete(decided.ToString());
        return ValueTask.CompletedTask;
    }

    internal static string TitleOf(MatterCatalogue catalogue, Matter? matter, string department) =>
        $"{matter?.Name ?? "部门审查"} · {catalogue.FindDepartment(department)?.Name ?? department}";
}
