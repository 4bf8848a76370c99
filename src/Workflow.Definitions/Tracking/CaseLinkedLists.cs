using Microsoft.EntityFrameworkCore;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// The parts of the lists' parameters (docs/api.md, *Lists*) that lists of rows about a case (complaints, urging
/// notices) read from their case: the search (<see cref="CaseSearch"/>: case number or id, project code or name,
/// enterprise, matter), the stage and the green channel; and the case numbers a page shows.
/// </summary>
internal static class CaseLinkedLists
{
    /// <summary>The ids of the cases the search text finds; null when there is no search text.</summary>
    public static IQueryable<string>? Searched(WorkflowDbContext db, StepListFilter filter, MatterCatalogue catalogue) =>
        filter.SearchText is null ? null : CaseSearch.Matching(db, filter, catalogue).Select(c => c.Id);

    /// <summary>The ids of the cases of the filter's stage and green channel; null when it names neither.</summary>
    public static IQueryable<string>? Scoped(WorkflowDbContext db, StepListFilter filter)
    {
        if (filter.Stage is null && filter.GreenChannel is null) return null;
        var cases = db.Set<CaseRow>().AsNoTracking();
        if (filter.Stage is { } stage) cases = cases.Where(c => c.Stage == stage);
        if (filter.GreenChannel is { } green) cases = cases.Where(c => c.GreenChannel == green);
        return cases.Select(c => c.Id);
    }

    /// <summary>The rows of a page with their cases' numbers (one query for the page's cases).</summary>
    public static async Task<IReadOnlyList<WithCaseNumber<T>>> NumberedAsync<T>(WorkflowDbContext db, IReadOnlyList<T> rows, Func<T, string> caseId, CancellationToken cancellationToken)
    {
        var ids = rows.Select(caseId).Distinct().ToList();
        var numbers = await db.Set<CaseRow>().AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.CaseNumber })
            .ToDictionaryAsync(c => c.Id, c => c.CaseNumber, cancellationToken);
        return rows.Select(r => new WithCaseNumber<T>(r, numbers.GetValueOrDefault(caseId(r)))).ToList();
    }
}
