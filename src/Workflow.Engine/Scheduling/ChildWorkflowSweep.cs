using Workflow.Engine.Activities.Composition;
using Workflow.Engine.Persistence;
using Workflow.Engine.Runtime;

namespace Workflow.Engine.Scheduling;

/// <summary>
/// Resumes each parent waiting in Elsa.ExecuteWorkflow or Elsa.DispatchWorkflow (bookmark kind <c>ChildWorkflow</c>)
/// whose child instance has finished, with the child's result. Because it looks at stored state on every sweep, a
/// parent is resumed even when the process that finished the child stopped right after (docs/scheduling.md).
/// </summary>
public sealed class ChildWorkflowSweep(IWorkflowInstanceStore instances, WorkflowRuntime runtime) : ISchedulerSweep
{
    /// <inheritdoc />
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        foreach (var (parentId, bookmark) in await instances.FindBookmarksAsync(new BookmarkFilter(Kind: ChildWorkflows.BookmarkKind), cancellationToken))
        {
            if ((string?)bookmark.Payload?["childInstanceId"] is not { } childId) continue;
            var child = await instances.FindAsync(childId, cancellationToken);
            if (child is null || child.Status != WorkflowStatus.Finished) continue;
            try
            {
                await runtime.ResumeAsync(parentId, bookmark.Id, ChildWorkflows.Result(child), null, cancellationToken);
                resumed++;
            }
            catch (WorkflowRuntimeException)
            {
                // Another scheduler resumed it first, or the parent was cancelled meanwhile.
            }
        }
        return resumed;
    }
}
