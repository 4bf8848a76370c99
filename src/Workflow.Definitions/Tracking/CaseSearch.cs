using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// The lists' search (docs/api.md, "Lists"): the case rows whose id, case number, project name or matter codes contain
/// the text, whose matters' Chinese or English names do (<see cref="StepListFilter.MatterCodes"/>), or whose project's
/// code or enterprise does. One definition for the case list and the step lists, so both find the same cases.
/// </summary>
internal static class CaseSearch
{
    /// <summary>The case rows <paramref name="filter"/>'s search text finds; every case when it has none.</summary>
    public static IQueryable<CaseRow> Matching(WorkflowDbContext db, StepListFilter filter, MatterCatalogue catalogue)
    {
        var cases = db.Set<CaseRow>().AsNoTracking();
        if (filter.SearchText is not { } text) return cases;
        var matters = filter.MatterCodes(catalogue);
        var projects = db.Set<ProjectRow>().AsNoTracking();
        return cases.Where(c => c.Id.Contains(text) || (c.CaseNumber != null && c.CaseNumber.Contains(text)) || c.ProjectName.Contains(text) || c.Matters.Contains(text)
            || matters.Any(m => c.Matters.Contains(m))
            || projects.Any(p => p.Id == c.ProjectId && (p.Code.Contains(text) || p.Enterprise.Contains(text))));
    }
}
