using System.Text.Json.Nodes;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Catalogue;
using Workflow.Engine.Activities;
using Workflow.Engine.Calendar;

namespace Workflow.Definitions.Intake;

/// <summary>
/// 一窗受理: a step in the front desk's queue. The clerk's decision is checked against the matter catalogue
/// (<see cref="IntakeCheck"/>); acceptance starts the case's clocks, acceptance with waiver creates one commitment
/// per waived material, a supplement request issues the one-time notice.
/// </summary>
[Activity("Permits", "Permits", "一窗受理：综合窗口核验材料，受理、容缺受理、一次性告知补正或不予受理。One-window intake: the front desk checks the materials and accepts, accepts with waiver, asks for a supplement, or refuses.",
    TypeName = "Intake", DisplayName = "一窗受理 Intake", Kind = "Task")]
[FlowOutcomes(nameof(IntakeOutcome.Accepted), nameof(IntakeOutcome.AcceptedWithWaiver), nameof(IntakeOutcome.SupplementRequired), nameof(IntakeOutcome.Refused))]
public sealed class IntakeActivity : PermitActivity
{
    /// <summary>
    /// Whether the window may accept with waivable materials missing under a signed commitment (容缺受理); when false the
    /// <c>AcceptedWithWaiver</c> outcome is refused.
    /// </summary>
    [Input(DisplayName = "允许容缺受理 Allow waiver", Description = "Whether the window may accept with waivable materials missing under a signed commitment (容缺受理).", UIHint = "checkbox", DefaultValue = false)]
    public Input<bool>? AllowWaiver { get; set; }

    /// <inheritdoc />
    public override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var round = file.Steps.Count(s => s.Kind == StepKind.Intake) + 1;
        // The intake clock (docs/domain.md, *The intake clock*): the matters' shortest intakeLimit, counted like every clock;
        // its warning and overdue cards come from the step's clock. Unless every matter only warns, a timer at its end
        // applies the law's rule: undecided at the deadline means accepted.
        var matters = file.Matters.Select(CatalogueOf(context).FindMatter).OfType<Matter>().ToList();
        var limit = matters.Count == 0 ? Matter.DefaultIntakeLimit : matters.Min(m => m.IntakeLimit);
        OpenStep(context, file, StepKind.Intake, FrontDesk, round == 1 ? "一窗受理" : $"一窗受理（第{round}次）", statutoryLimit: limit, promisedLimit: limit,
            waiverAllowed: context.Get(AllowWaiver));
        if (matters.Count == 0 || matters.Any(m => m.IntakeLapse == IntakeLapse.DeemedAccepted))
            context.CreateBookmark(TimerKind, new JsonObject { ["caseId"] = file.CaseId, ["purpose"] = "IntakeDeadline" },
                new DeadlineClock(CalendarOf(context, file), context.Now, limit).Due!.Value);
        SaveCase(context, file);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask ResumeAsync(ActivityExecutionContext context)
    {
        var file = LoadCase(context);
        var action = ActionOf(context);
        if (context.ResumedBookmark?.Kind == TimerKind)
        {
            DeemAccepted(context, file, action);
            return ValueTask.CompletedTask;
        }
        var step = ResumedStep(context, file) ?? throw new InvalidOperationException($"Intake {context.ActivityId} was resumed without its step.");
        if (action.Event != StepAction.ActionEvent)
        {
            // Materials arriving do not decide anything at the window: the clerk still acts on the step.
            Bookmark(context, file, step);
            SaveCase(context, file);
            return ValueTask.CompletedTask;
        }

        var outcome = action.Outcome is null ? IntakeOutcome.Accepted : Enum.Parse<IntakeOutcome>(action.Outcome);
        var catalogue = CatalogueOf(context);
        var calendar = CalendarOf(context, file);
        if (action.Outcome is not null)
        {
            var result = IntakeCheck.Check(file.Matters.Select(catalogue.FindMatter).OfType<Matter>().ToList(), file.PresentMaterials, outcome,
                action.MissingMaterials, context.Get(AllowWaiver), action.CommitmentSigned);
            Apply(context, file, step, outcome, result, calendar, action);
        }
        else
        {
            Apply(context, file, step, outcome, new IntakeCheck.Result([], []), calendar, action);
        }
        file.CloseStep(step, outcome.ToString(), action, context.Now);
        SaveCase(context, file);
        context.Complete(outcome.ToString());
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// 视为受理 (《行政许可法》第三十二条): the intake clock ran out with the step undecided, so the application is accepted as of
    /// when the window received the materials (the step's opening, or the last material handed in after it). The step
    /// closes late, which supervision counts against the window (docs/domain.md, *The intake clock*).
    /// </summary>
    private void DeemAccepted(ActivityExecutionContext context, CaseFile file, StepAction action)
    {
        var step = file.Steps.LastOrDefault(s => s.ActivityId == context.ActivityId && s.Kind == StepKind.Intake && s.IsOpen);
        if (step is null) return;
        var received = file.Materials.Where(m => m.Present && m.SubmittedAt > step.CreatedAt).Select(m => m.SubmittedAt).Max() ?? step.CreatedAt;
        Apply(context, file, step, IntakeOutcome.Accepted, new IntakeCheck.Result([], []), CalendarOf(context, file), action, deemedAcceptedAt: received);
        file.CloseStep(step, nameof(IntakeOutcome.Accepted), action with { Actor = "system", Opinion = "受理时限届满未作决定，依法视为受理", Conditions = [] }, context.Now);
        SaveCase(context, file);
        context.Complete(nameof(IntakeOutcome.Accepted));
    }

    private void Apply(ActivityExecutionContext context, CaseFile file, StepRecord step, IntakeOutcome outcome, IntakeCheck.Result result, WorkingCalendar calendar, StepAction action,
        Instant? deemedAcceptedAt = null)
    {
        var now = deemedAcceptedAt ?? context.Now;
        switch (outcome)
        {
            case IntakeOutcome.Accepted or IntakeOutcome.AcceptedWithWaiver:
                var (statutory, promised) = Limits(CatalogueOf(context), file);
                if (deemedAcceptedAt is null) file.Accept(now, statutory, promised);
                else file.DeemAccepted(now, statutory, promised);
                foreach (var waived in result.Waived)
                {
                    var due = new DeadlineClock(calendar, now, waived.CommitmentWorkingDays).Due!.Value;
                    file.Commitments.Add(new Commitment(waived.MatterCode, waived.MaterialCode, waived.MaterialName, waived.CommitmentWorkingDays, due));
                }
                break;
            case IntakeOutcome.SupplementRequired:
                file.IssueNotice(step, result.NoticeItems, action.Actor, now);
                file.AwaitSupplement();
                break;
            case IntakeOutcome.Refused:
                file.Refuse();
                break;
        }
    }

    /// <summary>A stage application counts on the stage's limits; a single-matter application on the matter's.</summary>
    internal static (int Statutory, int Promised) Limits(MatterCatalogue catalogue, CaseFile file)
    {
        if (file.Stage is { } stage)
        {
            var s = catalogue.GetStage(stage);
            return (s.StatutoryLimit, s.PromisedLimitFor(file.GreenChannel));
        }
        var matters = file.Matters.Select(catalogue.FindMatter).OfType<Matter>().ToList();
        return matters.Count == 0 ? (0, 0) : (matters.Max(m => m.StatutoryLimit), matters.Max(m => m.PromisedLimitFor(file.GreenChannel)));
    }
}
