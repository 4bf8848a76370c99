using System.Text.Json.Nodes;
using Workflow.Definitions.Cases;
using Workflow.Engine.Activities;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.JointReview;

/// <summary>
/// A joint review (联合审查 / 联合验收) or joint site inspection (联合踏勘): one opinion step in each participating
/// department's inbox, one consolidation step in the lead's, and a joint deadline. An opinion not given by the
/// deadline is deemed agreement (逾期未提出意见视为同意), as local rules for joint reviews provide. The lead
/// consolidates once every opinion is in (<see cref="JointConsolidation"/>).
/// </summary>
public abstract class JointReviewActivityBase : PermitActivity
{
    /// <summary>The department (code) that consolidates the opinions and whose inbox gets the consolidation step.</summary>
    [Input(DisplayName = "牵头部门 Lead department", UIHint = "dropdown", OptionsProvider = typeof(Catalogue.CatalogueOptions), Order = 1)]
    public Input<string>? LeadDepartment { get; set; }

    /// <summary>The departments (codes) that each give an opinion.</summary>
    [Input(DisplayName = "参与部门 Participants", UIHint = "checklist", OptionsProvider = typeof(Catalogue.CatalogueOptions), TypeName = "String[]", Order = 2)]
    public Input<string[]>? Participants { get; set; }

    /// <summary>
    /// Working days every participant has for its opinion (at least 1); an opinion not given by then is deemed
    /// agreement.
    /// </summary>
    [Input(DisplayName = "联合时限（工作日）Joint limit", Description = "Working days every participant has for its opinion.", DefaultValue = 5, Order = 3)]
    public Input<int>? Limit { get; set; }

    /// <summary>What the joint step is called in inboxes.</summary>
    protected abstract string SubjectOf(ActivityExecutionContext context);

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var catalogue = CatalogueOf(context);
        var lead = context.Get(LeadDepartment) ?? "";
        var limit = Math.Max(1, context.Get(Limit));
        var subject = SubjectOf(context);
        foreach (var department in Strings(context, Participants))
            OpenStep(context, file, StepKind.JointOpinion, department, $"{subject}意见 · {catalogue.FindDepartment(department)?.Name ?? department}",
                statutoryLimit: limit, promisedLimit: limit);
        OpenStep(context, file, StepKind.JointConsolidation, lead, $"{subject}汇总 · {catalogue.FindDepartment(lead)?.Name ?? lead}",
            statutoryLimit: limit, promisedLimit: limit);
        var deadline = Clocks.CalendarCoverage.DueAfter(CalendarOf(context, file), context.Now, limit);
        context.CreateBookmark(TimerKind, new JsonObject { ["caseId"] = file.CaseId, ["purpose"] = "JointDeadline" }, deadline);
        SaveCase(context, file);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var action = ActionOf(context);
        var now = context.Now;
        var mine = file.Steps.Where(s => s.ActivityId == context.ActivityId).ToList();
        var opinions = mine.Where(s => s.Kind == StepKind.JointOpinion).ToList();

        if (context.ResumedBookmark?.Kind == TimerKind)
        {
            foreach (var late in opinions.Where(s => s.IsOpen))
                file.CloseStep(late, nameof(JointOpinion.Agree), action with { Actor = "system", Opinion = "逾期未提出意见，视为同意", Conditions = [] }, now);
            SaveCase(context, file);
            return ValueTask.CompletedTask;
        }

        var step = ResumedStep(context, file) ?? throw new InvalidOperationException($"Joint review {context.ActivityId} was resumed without a step.");
        if (action.Event != StepAction.ActionEvent)
        {
            Bookmark(context, file, step);
            SaveCase(context, file);
            return ValueTask.CompletedTask;
        }

        if (step.Kind == StepKind.JointOpinion)
        {
            var opinion = action.Outcome is null ? JointOpinion.Agree : Enum.Parse<JointOpinion>(action.Outcome);
            file.CloseStep(step, opinion.ToString(), action, now);
            SaveCase(context, file);
            return ValueTask.CompletedTask;
        }

        // Consolidation waits until every opinion is in (the service refuses an early consolidation with a clear error;
        // the resume-all harness just resumes again later).
        if (opinions.Any(s => s.IsOpen))
        {
            Bookmark(context, file, step);
            SaveCase(context, file);
            return ValueTask.CompletedTask;
        }
        var given = opinions.Select(s => Enum.Parse<JointOpinion>(s.Outcome!)).ToList();
        var outcome = action.Outcome is null ? JointConsolidation.Allowed(given)[0] : Enum.Parse<JointOutcome>(action.Outcome);
        JointConsolidation.Validate(outcome, given);
        file.CloseStep(step, outcome.ToString(), action with
        {
            // Each condition once, whether the lead repeats a participant's or not.
            Conditions = [.. opinions.SelectMany(s => s.Conditions).Concat(action.Conditions).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct()],
        }, now);
        SaveCase(context, file);
        context.Complete(outcome.ToString());
        return ValueTask.CompletedTask;
    }
}
