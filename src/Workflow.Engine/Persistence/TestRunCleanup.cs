namespace Workflow.Engine.Persistence;

/// <summary>
/// Deletes the test runs (<c>IsTest</c> instances, any status) of a definition, or of one version of it, when that
/// definition or version is deleted: they would otherwise be left on a version that no longer exists. Production
/// instances are never touched here (a live one refuses the delete, see <see cref="LiveInstanceDependents"/>).
/// </summary>
public static class TestRunCleanup
{
    /// <summary>How many test runs were deleted.</summary>
    public static async Task<int> DeleteTestRunsAsync(this IWorkflowInstanceQuery instances, string definitionId, int? version, CancellationToken cancellationToken)
    {
        var filter = new WorkflowInstanceFilter { DefinitionIds = [definitionId], Version = version, IsTest = true };
        var deleted = 0;
        while (true)
        {
            var (page, _) = await instances.ListAsync(filter, WorkflowInstanceOrder.Created, descending: false, skip: 0, take: 100, cancellationToken);
            if (page.Count == 0)
                return deleted;
            foreach (var instance in page)
                if (await instances.DeleteAsync(instance.Id, cancellationToken))
                    deleted++;
        }
    }
}
