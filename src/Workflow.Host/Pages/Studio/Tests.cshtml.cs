using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using NodaTime;
using Workflow.Engine.Persistence;
using Workflow.Host.Web.Localization;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Json;

namespace Workflow.Host.Pages.Studio;

/// <summary>
/// <c>/studio/tests</c>: the designer's test panel (docs/studio.md "Test runs"): every test instance, newest first, and
/// bulk delete. Designers and administrators only: the supervisor's Studio is read-only.
/// </summary>
[Authorize(Policy = AccessPolicies.EditWorkflows)]
public sealed class TestsModel(IWorkflowInstanceQuery instances, IOptions<JurisdictionOptions> jurisdiction) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<WorkflowInstanceSummary> Items { get; private set; } = [];
    public int TotalCount { get; private set; }
    public string? Message { get; private set; }

    public string Format(Instant at) => at.InZone(jurisdiction.Value.Zone).ToString("yyyy-MM-dd HH:mm", null);

    public async Task OnGetAsync(int? deleted, CancellationToken cancellationToken)
    {
        if (deleted is { } n)
            Message = Ui.T($"已删除 {n} 个测试实例。", $"Deleted {n} test instance(s).");
        (Items, TotalCount) = await instances.ListAsync(new WorkflowInstanceFilter { IsTest = true }, WorkflowInstanceOrder.Created, descending: true, 0, PageSize, cancellationToken);
    }

    /// <summary>Deletes the checked test instances; ids of production instances are ignored (only test instances are listed and matched).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string[] ids, CancellationToken cancellationToken)
    {
        var (tests, _) = await instances.ListAsync(new WorkflowInstanceFilter { Ids = ids, IsTest = true }, WorkflowInstanceOrder.Created, false, 0, ids.Length, cancellationToken);
        var deleted = 0;
        foreach (var test in tests)
            if (await instances.DeleteAsync(test.Id, cancellationToken))
                deleted++;
        return RedirectToPage(new { deleted });
    }
}
