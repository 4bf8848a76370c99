using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Workflow.Definitions.Cases;
using Workflow.Engine.Calendar;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Permits;
using Workflow.Host.Web.Tracking;

namespace Workflow.Host.Pages.Supervision;

/// <summary>
/// The supervisor's overview (效能监察): every open step grouped by department, with how many are on time, in
/// warning, overdue and waiting for the applicant, then the warning and overdue steps themselves. Supervisor and
/// admin only (403 otherwise); read only.
/// </summary>
public sealed class IndexModel(PermitService permits, IClock clock) : LocalizedPageModel
{
    /// <summary>How many open steps the overview reads at most.</summary>
    public const int Limit = 500;

    public IReadOnlyList<DepartmentLine> Departments { get; private set; } = [];

    /// <summary>Open steps in warning or overdue, worst first.</summary>
    public IReadOnlyList<InboxItem> Attention { get; private set; } = [];

    public int TotalCount { get; private set; }

    public Workflow.Definitions.Catalogue.MatterCatalogue Catalogue => permits.Catalogue;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var access = new CaseAccess(User);
        if (access.Role is not (UserRole.Supervisor or UserRole.Admin)) return new ForbidResult();
        var (rows, total) = await permits.InboxAsync(null, 1, Limit, ct);
        TotalCount = total;
        var items = await InboxItem.LoadAsync(permits, rows, clock.GetCurrentInstant(), ct);
        Departments = items.GroupBy(i => i.Row.Department)
            .Select(g => new DepartmentLine(
                g.Key,
                Labels.Department(permits.Catalogue, g.Key),
                g.Count(),
                g.Count(i => i.Row.State == nameof(StepState.WaitingForSupplement)),
                g.Count(i => i.Row.State == nameof(StepState.Open) && i.Clocks?.WorstLevel == DeadlineLevel.Warning),
                g.Count(i => i.Row.State == nameof(StepState.Open) && i.Clocks?.WorstLevel == DeadlineLevel.Overdue)))
            .OrderByDescending(d => d.Overdue).ThenByDescending(d => d.Warning).ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        Attention = items.Where(i => i.Row.State == nameof(StepState.Open) && i.Clocks?.WorstLevel is DeadlineLevel.Warning or DeadlineLevel.Overdue)
            .OrderByDescending(i => i.Clocks!.WorstLevel).ThenBy(i => i.Clocks!.Promised?.Status.Remaining.Value ?? i.Clocks!.Statutory.Status.Remaining.Value)
            .ToList();
        return Page();
    }

    /// <summary>One department's open steps, counted.</summary>
    public sealed record DepartmentLine(string Code, string Name, int Open, int WaitingForSupplement, int Warning, int Overdue);
}
