using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Definitions.Cases;
using Workflow.Definitions.Validation;
using Workflow.Engine.Activities;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;
using Workflow.Engine.Serialization;
using Workflow.Host.Web.Access;
using Workflow.Host.Web.Localization;

namespace Workflow.Host.Pages.Studio;

/// <summary>
/// <c>/studio/tests/{instanceId}</c>: one test instance's waiting steps; the designer picks an outcome per step and
/// completes it, walking the flow end to end (docs/studio.md "Test runs"). Each completion resumes the step's bookmark
/// as the designer, like a reviewer's action but without the case rules (a test run has no real applicant). Only test
/// instances are shown or resumed here.
/// </summary>
[Authorize(Policy = AccessPolicies.EditWorkflows)]
public sealed class TestRunModel(IWorkflowInstanceStore instances, IWorkflowDefinitionStore definitions, ActivityRegistry registry, WorkflowRuntime runtime) : PageModel
{
    /// <summary>One waiting step: its bookmark, what it is, and the outcomes the designer may pick.</summary>
    public sealed record WaitingStep(string BookmarkId, string ActivityId, string ActivityName, string Title, IReadOnlyList<string> Outcomes);

    [BindProperty(SupportsGet = true)]
    public string InstanceId { get; set; } = "";

    public WorkflowInstance? Instance { get; private set; }
    public IReadOnlyList<WaitingStep> Waiting { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? completed, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (completed is not null)
            Message = Ui.T($"已办理：{completed}", $"Completed: {completed}");
        return Instance is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(string bookmarkId, string? outcome, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Instance is null) return NotFound();
        var step = Waiting.FirstOrDefault(s => s.BookmarkId == bookmarkId);
        if (step is null || (outcome is not null && step.Outcomes.Count > 0 && !step.Outcomes.Contains(outcome)))
        {
            Message = Ui.T("这个环节已不在等待，或结果无效；已刷新。", "That step is no longer waiting, or the outcome is not one of its outcomes; refreshed.");
            return Page();
        }
        var actor = AppClaims.UserNameOf(User) ?? "designer";
        var action = new StepAction(StepAction.ActionEvent, outcome, "测试运行 Test run", [], [], actor, CommitmentSigned: true, null);
        try
        {
            await runtime.ResumeAsync(Instance.Id, bookmarkId, action.ToJson(), null, cancellationToken);
        }
        catch (WorkflowRuntimeException e)
        {
            Message = e.Message;
            await LoadAsync(cancellationToken);
            return Page();
        }
        return RedirectToPage(new { instanceId = Instance.Id, completed = $"{step.Title} → {outcome ?? "—"}" });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(InstanceId, cancellationToken);
        Instance = instance is { IsTest: true } ? instance : null;
        if (Instance is null) return;
        var stored = await definitions.FindByIdAsync(Instance.DefinitionVersionId, cancellationToken);
        var definition = stored is null ? null : WorkflowDefinitionReader.Read(stored.Json).Definition;
        var nodes = definition?.AllActivities().GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First()) ?? [];
        var file = CaseFiles.FileOf(Instance);
        Waiting = [.. Instance.Bookmarks.Where(b => b.ResumeAt is null).Select(b =>
        {
            var name = nodes.TryGetValue(b.ActivityId, out var node) ? FindingText.DisplayName(node) : b.ActivityType;
            var title = file?.Steps.FirstOrDefault(s => s.BookmarkId == b.Id) is { } s ? $"{s.Title} · {s.Department}" : name;
            var outcomes = registry.Find(b.ActivityType)?.ClrType.GetCustomAttributes<FlowOutcomesAttribute>(inherit: true).SelectMany(a => a.Outcomes).ToList() ?? [];
            return new WaitingStep(b.Id, b.ActivityId, name, title, outcomes);
        })];
    }
}
