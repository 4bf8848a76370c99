using Workflow.Definitions.Messages;
using Workflow.Definitions.Cases;
using Workflow.Engine.Runtime;

namespace Workflow.Definitions.Materials;

/// <summary>
/// The applicant hands in materials: they are recorded on the case, commitments for them are fulfilled, and every
/// activity waiting for them (a review waiting for its supplement, waiting commitments, an issue waiting for waived
/// materials) is resumed.
/// </summary>
public sealed class MaterialSupply(CaseFiles cases, WorkflowRuntime runtime)
{
    /// <summary>Records <paramref name="codes"/> as handed in by <paramref name="actor"/> and answers the case file after every resumed activity ran.</summary>
    /// <exception cref="PermitRuleViolation">A code is not a material of the case.</exception>
    /// <exception cref="StepConflictException">The case is closed.</exception>
    public async Task<CaseFile> SupplyAsync(string caseId, IReadOnlyList<string> codes, string actor, CancellationToken cancellationToken = default)
    {
        var (file, instance) = await cases.ChangeAsync(caseId, (file, instance, now) =>
        {
            var unknown = codes.Where(c => file.Materials.All(m => m.Code != c)).ToList();
            if (codes.Count == 0) throw PermitRuleViolation.For("materials", RuleCodes.MaterialsNone);
            if (unknown.Count > 0) throw PermitRuleViolation.For("materials", RuleCodes.MaterialsUnknown, string.Join(", ", unknown));
            if (instance.Status == WorkflowStatus.Finished) throw new StepConflictException(caseId, RuleCodes.CaseClosed);

            // Materials handed in may reopen the intake or a review, which count on today (docs/calendars.md).
            Clocks.CalendarCoverage.Ensure(cases.CalendarOf(file), now);
            file.Supply(codes, now);
            CaseClocks.Refresh(file, cases.CalendarOf(file), now);
            return true;
        }, cancellationToken) ?? throw PermitRuleViolation.For("caseId", RuleCodes.CaseNotFound);

        var present = file.PresentMaterials;
        var waiting = file.Steps.Where(s => s.State == StepState.WaitingForSupplement && s.BookmarkId is not null
                && s.SupplementRequests[^1].Items.All(i => present.Contains(i.Code)))
            .Select(s => s.BookmarkId!)
            .Concat(instance.Bookmarks.Where(b => b.Kind == PermitActivity.MaterialsKind).Select(b => b.Id))
            .ToList();
        var supplied = new StepAction(StepAction.MaterialsSuppliedEvent, null, null, [], [], actor, false, null).ToJson();
        foreach (var bookmarkId in waiting)
        {
            try
            {
                await runtime.ResumeAsync(caseId, bookmarkId, supplied, null, cancellationToken);
            }
            catch (WorkflowRuntimeException)
            {
                // Resumed by someone else meanwhile: it saw the same materials.
            }
        }
        return (await cases.FindAsync(caseId, cancellationToken))!.Value.File;
    }
}
