using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// The narrowings of case rows the case list and the project list share (docs/api.md, *Lists*): a step in a department,
/// past a deadline, and a project's current case (its latest filed, the one the project list shows).
/// </summary>
internal static class CaseRowFilters
{
    /// <summary>The cases with a step in <paramref name="department"/>'s inbox (open or done).</summary>
    public static IQueryable<CaseRow> WithStepIn(this IQueryable<CaseRow> cases, WorkflowDbContext db, string department) =>
        cases.Where(c => db.Set<StepRow>().Any(s => s.CaseId == c.Id && s.Department == department));

    /// <summary>The open cases past their promised or statutory deadline at <paramref name="at"/>.</summary>
    public static IQueryable<CaseRow> Overdue(this IQueryable<CaseRow> cases, Instant at)
    {
        var open = CaseStates.Open.ToArray();
        return cases.Where(c => EF.Constant(open).Contains(c.State) && ((c.PromisedDue != null && c.PromisedDue < at) || (c.StatutoryDue != null && c.StatutoryDue < at)));
    }

    /// <summary>
    /// Each project's current case: the latest filed (ties by id), as <see cref="ProjectQueries"/> shows it. A case is
    /// current when no case of its project was filed after it.
    /// </summary>
    public static IQueryable<CaseRow> Current(WorkflowDbContext db) =>
        db.Set<CaseRow>().AsNoTracking().Where(c => !db.Set<CaseRow>().Any(o => o.ProjectId == c.ProjectId
            && (o.SubmittedAt > c.SubmittedAt || (o.SubmittedAt == c.SubmittedAt && string.Compare(o.Id, c.Id) > 0))));
}
