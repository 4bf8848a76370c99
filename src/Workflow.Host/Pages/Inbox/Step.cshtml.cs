using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Intake;
using Workflow.Definitions.Persistence;
using Workflow.Definitions.Returns;
using Workflow.Definitions.Review;
using Workflow.Engine.Calendar;
using Workflow.Engine.Runtime;
using Workflow.Host.Web.Permits;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;
using static Workflow.Host.Web.Localization.Ui;
using Workflow.Definitions.Steps;

namespace Workflow.Host.Pages.Inbox;

/// <summary>
/// One step and, for the department whose inbox holds it, the action form: the step's outcomes, opinion,
/// conditions (one per line) and the materials checklist — for intake the applied matters' materials (core or
/// waivable) with the commitment box; for a supplement request every material of the case, each with a reason, so
/// that everything is asked for at once. The form carries the step's version (stale → "someone acted first", 409)
/// and an idempotency key (a double submit is applied once). Others who may see the step read it; 404 otherwise.
/// </summary>
public sealed class StepModel(MatterCatalogue catalogue, StepDesk steps, CaseFiles cases, IClock clock, Workflow.Definitions.MaterialFiles.MaterialFiles files) : LocalizedPageModel
{
    /// <summary>The case's uploaded files; the holder may mark one defective (docs/materials.md).</summary>
    public Shared.MaterialFilesPanel Files { get; private set; } = null!;

    public StepRow Row { get; private set; } = null!;

    public CaseFile Case { get; private set; } = null!;

    public StepRecord Step { get; private set; } = null!;

    public WorkingCalendar Calendar { get; private set; } = null!;

    public ClocksReading? StepClocks { get; private set; }

    public ClocksReading? CaseClocksView { get; private set; }

    /// <summary>True when the user may act and the step waits for an action.</summary>
    public bool MayAct { get; private set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string? Opinion { get; set; }

    /// <summary>Conditions, one per line.</summary>
    [BindProperty]
    public string? Conditions { get; set; }

    [BindProperty]
    public bool CommitmentSigned { get; set; }

    [BindProperty]
    public List<MaterialLine> Items { get; set; } = [];

    /// <summary>The step version the form was made from.</summary>
    [BindProperty]
    public int? Version { get; set; }

    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>A message above the form: what happened, or why nothing did.</summary>
    public string? Message { get; private set; }

    public bool Conflict { get; private set; }

    public MatterCatalogue Catalogue => catalogue;

    /// <summary>The outcomes offered; acceptance with waiver only where the workflow allows it.</summary>
    public IReadOnlyList<string> Outcomes => StepActionRules.OutcomesOf(Case, Step)
        .Where(o => Step.Kind != StepKind.Intake || o != nameof(IntakeOutcome.AcceptedWithWaiver) || Step.WaiverAllowed).ToList();

    /// <summary>The catalogue's requirement behind a material code of the case (for core / waivable).</summary>
    public MaterialRequirement? Requirement(string code) =>
        Case.Matters.Select(Catalogue.FindMatter).OfType<Matter>().SelectMany(m => m.Materials).FirstOrDefault(m => m.Code == code);

    public MaterialRecord? Material(string code) => Case.Materials.FirstOrDefault(m => m.Code == code);

    /// <summary>The materials a notice on this step would ask for again: each would count as a repeated return (warned before submitting).</summary>
    public IReadOnlyList<RepeatedReturnRisk> RepeatRisks { get; private set; } = [];

    public RepeatedReturnRisk? RiskOf(string code) => RepeatRisks.FirstOrDefault(r => r.MaterialCode == code);

    public string Time(Instant? instant) => PageTime.Format(instant, Calendar.Zone);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        Version = Row.Version;
        IdempotencyKey = Guid.NewGuid().ToString("N");
        Items = Case.Materials.Select(m => m.Code).Distinct().Select(c => new MaterialLine { Code = c }).ToList();
        if (Request.Query.ContainsKey("done"))
            Message = T($"已办理：{Labels.Outcome(Step.Outcome)}", $"Done: {Labels.Outcome(Step.Outcome)}");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        var access = new CaseAccess(User);
        if (PageAccess.Deny(access.ActOnStep(Row)) is { } forbidden) return forbidden;
        var known = Case.Materials.Select(m => m.Code).ToHashSet();
        Items = Items.Where(i => i.Code is not null && known.Contains(i.Code)).ToList();
        var supplement = Outcome is nameof(ReviewOutcome.SupplementRequested) || Step.Kind == StepKind.Intake;
        var defects = supplement
            ? Items.Where(i => i.Ticked).Select(i => new MaterialDefect(i.Code!, i.Reason?.Trim() ?? "")).ToList()
            : [];
        if (Step.Kind == StepKind.Intake)
            defects = defects.Select(d => d.Reason.Length > 0 ? d : d with { Reason = T("材料有误，请更正", "defective, please correct") }).ToList();
        var conditions = (Conditions ?? "").Split('\n').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        var action = new StepAction(StepAction.ActionEvent, string.IsNullOrWhiteSpace(Outcome) ? null : Outcome, string.IsNullOrWhiteSpace(Opinion) ? null : Opinion.Trim(),
            conditions, defects, access.UserName, CommitmentSigned, null);
        if (action.Outcome is null || ModelState[nameof(Version)]?.Errors.Count > 0)
        {
            Errors = action.Outcome is null
                ? new Dictionary<string, string[]> { ["outcome"] = [T("请选择办理结果", "choose an outcome")] }
                : new Dictionary<string, string[]> { ["version"] = [T("表单中的环节版本无效，请重新打开本页", "the form's step version is not valid; open the page again")] };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        try
        {
            await steps.ActAsync(Row, action, string.IsNullOrWhiteSpace(IdempotencyKey) ? null : IdempotencyKey, Version, ct);
            return Redirect($"/steps/{id}?done=1");
        }
        catch (PermitRuleViolation e)
        {
            Errors = RuleTexts.Render(e, catalogue);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (StepConflictException e)
        {
            Conflict = true;
            Message = T("有人已先办理了此环节，或环节已发生变化，您的提交未生效。请查看当前状态。", "Someone acted first or the step changed: your action was not applied. See the current state below.") + " (" + RuleTexts.Render(e.Reason, catalogue) + ")";
            Response.StatusCode = StatusCodes.Status409Conflict;
            await LoadAsync(id, ct);
            // The form shown again is made from the step as it is now.
            Version = Row.Version;
            IdempotencyKey = Guid.NewGuid().ToString("N");
        }
        catch (IdempotencyKeyReusedException)
        {
            Message = T("此表单已用于另一次提交，请重新打开本页后再办理。", "This form was used for another submission; open the page again to act.");
            IdempotencyKey = Guid.NewGuid().ToString("N");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    /// <summary>The holder marks a file of the case defective; the next notice or supplement request lists it.</summary>
    public async Task<IActionResult> OnPostDefectiveAsync(string id, string fileId, string? reason, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (PageAccess.Deny(new CaseAccess(User).ActOnStep(Row)) is { } forbidden) return forbidden;
        try
        {
            if (await files.MarkDefectiveAsync(Case.CaseId, fileId, reason ?? "", new CaseAccess(User).UserName, ct) is null) return NotFound();
            return Redirect($"/steps/{id}");
        }
        catch (PermitRuleViolation e)
        {
            Errors = RuleTexts.Render(e, catalogue);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await OnGetAsync(id, ct);
        }
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (await steps.FindStepAsync(id, ct) is not { } row) return NotFound();
        if (await cases.FindAsync(row.CaseId, ct) is not { } found || found.File.FindStep(id) is not { } step) return NotFound();
        if (PageAccess.Deny(access.SeeStep(row, found.File.Agent)) is { } denied) return denied;
        Row = row;
        Case = found.File;
        Step = step;
        Calendar = cases.CalendarOf(Case);
        var now = clock.GetCurrentInstant();
        StepClocks = StepSnapshot.Of(Case, step, Calendar, now).Clocks;
        CaseClocksView = ClocksReading.Of(CaseClocks.ForCase(Case, Calendar), Case.ClosedAt() ?? now) is { } caseClocks
            ? caseClocks with { Hold = ClockHold.Of(Case.Suspensions) } : null;
        MayAct = access.ActOnStep(row) == AccessDecision.Allowed && step.State == StepState.Open;
        RepeatRisks = StepDetail.RisksOf(Case, step);
        Files = new Shared.MaterialFilesPanel(await files.ListAsync(Case.CaseId, ct), Case.Materials.GroupBy(m => m.Code).Select(g => g.First()).ToList(),
            false, access.ActOnStep(row) == AccessDecision.Allowed && step.IsOpen, Calendar.Zone, Errors);
        return null;
    }

    /// <summary>One line of the materials checklist.</summary>
    public sealed class MaterialLine
    {
        public string? Code { get; set; }
        /// <summary>Asked for (review) or marked defective (intake).</summary>
        public bool Ticked { get; set; }
        public string? Reason { get; set; }
    }
}
