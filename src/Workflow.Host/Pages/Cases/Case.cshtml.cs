using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Tracking;

namespace Workflow.Host.Pages.Cases;

/// <summary>
/// One case (办件): both clocks with their due instants, the steps, the timeline (journal, opinions, notices), the
/// materials with the agent's supply form (resubmission), commitments, the result and its certificate number.
/// 404 for a case the user may not see.
/// </summary>
public sealed class CaseModel(PermitService permits, IClock clock) : LocalizedPageModel
{
    public CaseFile Case { get; private set; } = null!;

    public WorkingCalendar Calendar { get; private set; } = null!;

    public Instant Now { get; private set; }

    public ClocksView? Clocks { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    public bool MaySupply { get; private set; }

    [BindProperty]
    public List<string>? Supplied { get; set; }

    /// <summary>A line saying what the last post did, or why it did nothing.</summary>
    public string? Message { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => permits.Catalogue;

    /// <summary>Materials the applicant owes: missing ones, and those named by an open supplement request or the pending one-time notice.</summary>
    public IReadOnlySet<string> Owed
    {
        get
        {
            var owed = Case.Materials.Where(m => !m.Present).Select(m => m.Code).ToHashSet();
            foreach (var step in Case.Steps.Where(s => s.State == StepState.WaitingForSupplement && s.SupplementRequests.Count > 0))
                owed.UnionWith(step.SupplementRequests[^1].Items.Select(i => i.Code));
            if (Case.State == CaseState.WaitingForSupplement && Case.Notices.Count > 0)
                owed.UnionWith(Case.Notices[^1].Items.Select(i => i.MaterialCode));
            return owed;
        }
    }

    /// <summary>The case's materials, each code once.</summary>
    public IReadOnlyList<MaterialRecord> DistinctMaterials => Case.Materials.GroupBy(m => m.Code).Select(g => g.First()).ToList();

    public ClocksView? StepClocks(StepRecord step) =>
        ClocksView.Read(CaseClocks.ForStep(step, Calendar), step.CompletedAt ?? Now, Calendar.Zone);

    public string Time(Instant? instant) => PageTime.Format(instant, Calendar.Zone);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (PageAccess.Deny(new CaseAccess(User).SupplyMaterials(Case)) is { } forbidden) return forbidden;
        try
        {
            var codes = (Supplied ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
            await permits.SupplyMaterialsAsync(Case.CaseId, codes, new CaseAccess(User).UserName, ct);
            return Redirect($"/cases/{Case.CaseId}?supplied={codes.Count}");
        }
        catch (PermitRuleViolation e)
        {
            Errors = e.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (StepConflictException e)
        {
            Message = Web.Localization.Ui.T("该办件已办结，不能再补交材料。", "The case is closed; materials can no longer be supplied.") + " " + e.Message;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (await permits.GetCaseAsync(id, ct) is not { } found) return NotFound();
        if (PageAccess.Deny(access.SeeCase(found.File)) is { } denied) return denied;
        Case = found.File;
        Calendar = permits.CalendarOf(Case);
        Now = clock.GetCurrentInstant();
        Clocks = ClocksView.Read(CaseClocks.ForCase(Case, Calendar), ProjectGrid.ReadAt(Case, Now), Calendar.Zone);
        Timeline = CaseTimeline.Build(Case, await permits.JournalAsync(id, ct), permits.Catalogue);
        MaySupply = access.SupplyMaterials(Case) == AccessDecision.Allowed
            && Case.State is not (CaseState.Issued or CaseState.Rejected or CaseState.Refused or CaseState.Revoked);
        if (int.TryParse(Request.Query["supplied"], out var supplied) && supplied > 0)
            Message = Web.Localization.Ui.T($"已补交 {supplied} 份材料。", $"{supplied} materials supplied.");
        return null;
    }
}
