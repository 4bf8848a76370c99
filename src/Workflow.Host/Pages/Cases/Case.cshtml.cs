using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Workflow.Definitions;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Tracking;
using Workflow.Host.Web.Display;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Permits;
using Workflow.Definitions.Materials;

namespace Workflow.Host.Pages.Cases;

/// <summary>
/// One case (办件): both clocks with their due instants, the steps, the timeline (journal, opinions, notices), the
/// materials with the agent's supply form (resubmission), commitments, the result and its certificate number.
/// 404 for a case the user may not see. Everything shown comes from one <see cref="CaseSnapshot"/>.
/// </summary>
public sealed class CaseModel(Workflow.Definitions.Catalogue.MatterCatalogue catalogue, MaterialSupply materials, CaseQueries cases, Workflow.Definitions.MaterialFiles.MaterialFiles files, CaseFiles caseFiles) : LocalizedPageModel
{
    /// <summary>The uploaded files (docs/materials.md).</summary>
    public Shared.MaterialFilesPanel Files { get; private set; } = null!;

    public CaseSnapshot Case { get; private set; } = null!;

    public bool MaySupply { get; private set; }

    /// <summary>The first page of the case's audit entries (chain order), or null when the user may not read them; the rest at <c>/cases/{id}/audit</c>.</summary>
    public ListPage<Workflow.Definitions.Audit.AuditEntry>? Audit { get; private set; }

    [BindProperty]
    public List<string>? Supplied { get; set; }

    /// <summary>A line saying what the last post did, or why it did nothing.</summary>
    public string? Message { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => catalogue;

    /// <summary>The case's materials, each code once.</summary>
    public IReadOnlyList<MaterialRecord> DistinctMaterials => Case.Materials.GroupBy(m => m.Code).Select(g => g.First()).ToList();

    /// <summary>The timeline lines the page shows (the permit part of the journal, every case line).</summary>
    public IEnumerable<TimelineEntry> Timeline => Case.Timeline.Where(Labels.ShownOnPage);

    public string Time(Instant? instant) => PageTime.Format(instant, Case.Zone);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (PageAccess.Deny(new CaseAccess(User).SupplyMaterials(Case)) is { } forbidden) return forbidden;
        try
        {
            var codes = (Supplied ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
            await materials.SupplyAsync(Case.Id, codes, new CaseAccess(User).UserName, ct);
            return Redirect($"/cases/{Case.Id}?supplied={codes.Count}");
        }
        catch (PermitRuleViolation e)
        {
            Errors = RuleTexts.Render(e, catalogue);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (StepConflictException)
        {
            Message = Ui.T("该办件已办结，不能再补交材料。", "The case is closed; materials can no longer be supplied.");
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        return Page();
    }

    /// <summary>The agent uploads a file as the next version of a material (docs/materials.md).</summary>
    public async Task<IActionResult> OnPostUploadAsync(string id, string? materialCode, IFormFile? upload, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } denied) return denied;
        if (PageAccess.Deny(new CaseAccess(User).SupplyMaterials(Case)) is { } forbidden) return forbidden;
        try
        {
            if (upload is null) throw PermitRuleViolation.For("file", Workflow.Definitions.Messages.RuleCodes.FileRequired);
            var file = (await caseFiles.FindAsync(id, ct))!.Value.File;
            await using var content = upload.OpenReadStream();
            var uploads = HttpContext.RequestServices.GetRequiredService<Workflow.Definitions.MaterialFiles.MaterialUpload>();
            var (row, supplied) = await uploads.UploadAsync(file, materialCode ?? "", upload.FileName, content, new CaseAccess(User).UserName, ct);
            return Redirect($"/cases/{Case.Id}?uploaded={Uri.EscapeDataString(row.MaterialCode)}" + (supplied ? "&supplied=1" : ""));
        }
        catch (PermitRuleViolation e)
        {
            Errors = RuleTexts.Render(e, catalogue);
            Files = Files with { Errors = Errors };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id, CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (await cases.FindAsync(id, ct) is not { } found) return NotFound();
        if (PageAccess.Deny(access.SeeCase(found)) is { } denied) return denied;
        Case = found;
        MaySupply = access.SupplyMaterials(Case) == AccessDecision.Allowed && Case.IsOpen;
        // The audit trail for those who may read it (docs/audit.md, "Who may read it"); null hides the section.
        if (Web.Audit.AuditEndpoints.ReadAudit(access, Case) == AccessDecision.Allowed)
            Audit = await HttpContext.RequestServices.GetRequiredService<Workflow.Definitions.Audit.AuditTrail>()
                .PageAsync(Case.Id, StepListFilter.None, null, null, 1, AuditModel.PageSize, ct);
        Files = new Shared.MaterialFilesPanel(await files.ListAsync(Case.Id, ct), DistinctMaterials, MaySupply, false, Case.Zone, Errors);
        if (Request.Query["uploaded"] is { Count: > 0 } uploaded)
            Message = Ui.T($"已上传 {uploaded}。", $"Uploaded {uploaded}.");
        if (int.TryParse(Request.Query["supplied"], out var supplied) && supplied > 0)
            Message = Ui.T($"已补交 {supplied} 份材料。", $"{supplied} materials supplied.");
        return null;
    }
}
