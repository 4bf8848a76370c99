using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Activities;

namespace Workflow.Definitions.Review;

/// <summary>
/// 并联审批: one activity that fans out to the departments of several matters at once (those of its <c>matters</c> the
/// case applied for), each a review step with its own deadline, and joins by All, Any or Quorum(k) (<see cref="ParallelJoin"/>). When the review is decided, the
/// steps still open are closed as cancelled and their bookmarks removed.
/// </summary>
[Activity("Permits", "Permits", "并联审批：同时分送多个部门审查，按全部、任一或法定人数（k/n）汇合；可设一票否决即终止其余审查。Parallel review: fans out to several departments at once and joins by all, any or a quorum; a rejection can cancel the others.",
    TypeName = "ParallelReview", DisplayName = "并联审批 Parallel review", Kind = "Task")]
[FlowOutcomes(nameof(ParallelVerdict.Approved), nameof(ParallelVerdict.ApprovedWithConditions), nameof(ParallelVerdict.Rejected))]
public sealed class ParallelReviewActivity : PermitActivity
{
    /// <summary>
    /// The matters reviewed in parallel; each goes to its department. Only those the case applied for are reviewed, all
    /// when it named none.
    /// </summary>
    [Input(DisplayName = "事项 Matters", Description = "The matters reviewed in parallel; each goes to its department.", UIHint = "checklist", OptionsProvider = typeof(CatalogueOptions), TypeName = "String[]", Order = 1)]
    public Input<string[]>? Matters { get; set; }

    /// <summary>
    /// How the branches join: <c>All</c> (the default), <c>Any</c> or <c>Quorum</c> (<see cref="ParallelJoinMode"/>).
    /// </summary>
    [Input(DisplayName = "汇合方式 Join", UIHint = "dropdown", Options = ["All", "Any", "Quorum"], DefaultValue = "All", Order = 2)]
    public Input<string>? JoinMode { get; set; }

    /// <summary>For <c>Quorum</c>: how many approvals decide (k of n).</summary>
    [Input(DisplayName = "法定人数 Quorum", Description = "For Quorum: how many approvals decide (k of n).", DefaultValue = 0, Order = 3)]
    public Input<int>? Quorum { get; set; }

    /// <summary>一票否决: when true, the first rejection decides the review and cancels the branches still open.</summary>
    [Input(DisplayName = "一票否决 Rejection cancels the others", UIHint = "checkbox", DefaultValue = false, Order = 4)]
    public Input<bool>? RejectionCancelsOthers { get; set; }

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var catalogue = CatalogueOf(context);
        var configured = Strings(context, Matters);
        var unknown = configured.Where(code => catalogue.FindMatter(code) is null).ToList();
        if (unknown.Count > 0)
        {
            context.Fault($"Parallel review {context.ActivityId}: matters {string.Join(", ", unknown)} are not in the catalogue.");
            return ValueTask.CompletedTask;
        }
        // Only the departments of the matters the applicant applied for review; a case that names none gets them all.
        var applied = configured.Where(file.Matters.Contains).ToList();
        var matters = (applied.Count > 0 ? applied : configured).Select(code => catalogue.FindMatter(code)!).ToList();
        if (matters.Count == 0)
        {
            context.Fault($"Parallel review {context.ActivityId} has no matters to review.");
            return ValueTask.CompletedTask;
        }
        foreach (var matter in matters)
            OpenStep(context, file, StepKind.Review, matter.Department, DepartmentReviewActivity.TitleOf(catalogue, matter, matter.Department), matter.Code,
                matter.StatutoryLimit, matter.PromisedLimitFor(file.GreenChannel));
        SaveCase(context, file);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var step = ResumedStep(context, file) ?? throw new InvalidOperationException($"Parallel review {context.ActivityId} was resumed without a step.");
        var decided = ReviewFlow.Apply(context, file, step, ActionOf(context), supplementLeavesStep: false);
        var verdict = ParallelVerdict.Pending;
        if (decided is not null)
        {
            var branches = file.Steps.Where(s => s.ActivityId == context.ActivityId && s.Kind == StepKind.Review).ToList();
            var outcomes = branches.Where(s => s.State == StepState.Completed).OrderBy(s => s.CompletedAt)
                .Select(s => Enum.Parse<ReviewOutcome>(s.Outcome!)).ToList();
            verdict = ParallelJoin.Evaluate(Enum.Parse<ParallelJoinMode>(context.Get(JoinMode) ?? "All"), context.Get(Quorum), branches.Count, outcomes, context.Get(RejectionCancelsOthers));
            if (verdict != ParallelVerdict.Pending) file.CancelOpenSteps(context.ActivityId, context.Now);
        }
        SaveCase(context, file);
        if (verdict != ParallelVerdict.Pending) context.Complete(verdict.ToString());
        return ValueTask.CompletedTask;
    }
}
