namespace Workflow.Engine.Persistence.EntityFramework;

internal static class WorkflowModules
{
    /// <summary>
    /// The engine's module first, then the others in registration order; a name used twice is a
    /// configuration error because the schema history could not tell the modules apart.
    /// </summary>
    public static IReadOnlyList<IWorkflowPersistenceModule> Order(IEnumerable<IWorkflowPersistenceModule> modules)
    {
        var all = modules.ToList();
        var duplicate = all.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two workflow persistence modules are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(m => m.GetType().FullName))}); module names must be unique.");
        }

        return [.. all.Where(m => m.Name == WorkflowEngineModule.ModuleName), .. all.Where(m => m.Name != WorkflowEngineModule.ModuleName)];
    }
}
