using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Engine.Activities;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.SpecialProcedures;

/// <summary>
/// 特别程序 (expert review, hearing, public notice): the case's clocks stand still while it lasts. Its length is
/// in working days unless its input says calendar days, or it lasts until the lead department completes it.
/// </summary>
[Activity("Permits", "Permits", "特别程序（专家评审、听证、公示）：期间不计入办理时限。Special procedure (expert review, hearing, public notice): the case's clocks stop while it lasts.",
    TypeName = "SpecialProcedure", DisplayName = "特别程序 Special procedure", Kind = "Task")]
public sealed class SpecialProcedureActivity : PermitActivity
{
    /// <summary>
    /// Which procedure: <c>ExpertReview</c>, <c>Hearing</c> or <c>PublicNotice</c> (the default); names the suspension.
    /// </summary>
    [Input(DisplayName = "程序 Procedure", UIHint = "dropdown", Options = ["ExpertReview", "Hearing", "PublicNotice"], DefaultValue = "PublicNotice", Order = 1)]
    public Input<string>? Procedure { get; set; }

    /// <summary>How long the procedure lasts, in <see cref="DurationUnit"/>; ignored for <c>UntilCompleted</c>.</summary>
    [Input(DisplayName = "时长 Duration", DefaultValue = 7, Order = 2)]
    public Input<int>? Duration { get; set; }

    /// <summary>
    /// <c>WorkingDays</c> (the default), <c>CalendarDays</c>, or <c>UntilCompleted</c>: it lasts until the department
    /// completes its step.
    /// </summary>
    [Input(DisplayName = "计时单位 Unit", UIHint = "dropdown", Options = ["WorkingDays", "CalendarDays", "UntilCompleted"], DefaultValue = "WorkingDays", Order = 3)]
    public Input<string>? DurationUnit { get; set; }

    /// <summary>For <c>UntilCompleted</c>: the department (code) whose inbox gets the completion step.</summary>
    [Input(DisplayName = "负责部门 Department", Description = "For UntilCompleted: whose inbox gets the completion step.", UIHint = "dropdown", OptionsProvider = typeof(Catalogue.CatalogueOptions), Order = 4)]
    public Input<string>? Department { get; set; }

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var now = context.Now;
        var kind = Enum.Parse<SpecialProcedureKind>(context.Get(Procedure) ?? nameof(SpecialProcedureKind.PublicNotice));
        var unit = Enum.Parse<DurationUnit>(context.Get(DurationUnit) ?? nameof(SpecialProcedures.DurationUnit.WorkingDays));
        var days = Math.Max(0, context.Get(Duration));
        // The suspension names its kind and planned end, so that the pages show what holds the clocks and until when
        // (docs/domain.md, *Special procedures*).
        if (unit == SpecialProcedures.DurationUnit.UntilCompleted)
        {
            file.Suspensions.Add(new ClockSuspension(now, null, SpecialProcedureReasons.Of(kind), context.ActivityId, kind));
            var department = context.Get(Department) is { Length: > 0 } d ? d : CatalogueOf(context).Stages.FirstOrDefault(s => s.Stage == file.Stage)?.LeadDepartment ?? "";
            OpenStep(context, file, StepKind.SpecialProcedure, department, SpecialProcedureReasons.Of(kind));
        }
        else
        {
            var calendar = CalendarOf(context, file);
            var end = unit == SpecialProcedures.DurationUnit.WorkingDays
                ? Clocks.CalendarCoverage.DueAfter(calendar, now, days)
                : now.InZone(calendar.Zone).LocalDateTime.PlusDays(days).InZoneLeniently(calendar.Zone).ToInstant();
            file.Suspensions.Add(new ClockSuspension(now, null, SpecialProcedureReasons.Of(kind), context.ActivityId, kind, end));
            context.CreateBookmark(TimerKind, new JsonObject { ["caseId"] = file.CaseId, ["purpose"] = "SpecialProcedureEnd", ["procedure"] = kind.ToString() }, end);
        }
        SaveCase(context, file);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var action = ActionOf(context);
        if (ResumedStep(context, file) is { } step)
        {
            if (action.Event != StepAction.ActionEvent)
            {
                Bookmark(context, file, step);
                SaveCase(context, file);
                return ValueTask.CompletedTask;
            }
            file.CloseStep(step, Outcomes.Done, action, context.Now);
        }
        file.EndSuspensionsOf(context.ActivityId, context.Now);
        SaveCase(context, file);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
