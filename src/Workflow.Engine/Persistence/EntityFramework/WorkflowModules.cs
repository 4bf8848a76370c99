namespace Workflow.Engine.Persistence.EntityFramework;

internal static class WorkflowModules
{
    /// <summary>
    /// The engine's module first, then the others in registration order; a name used twice is a
    /// configuration error because the schema history could not tell the modules apart.
    /// </summary>
    public static IReadOnlyList<IWorkflowPersistenceModule> Order(IEnumerable<IWorkflowPersistenceModule> modules)
    {
        // The factory orders once and hands the same list to every context it creates (a context per unit of work).
        if (modules is Ordered ordered) return ordered;
        var all = modules.ToList();
        var duplicate = all.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two workflow persistence modules are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(m => m.GetType().FullName))}); module names must be unique.");
        }

        return new Ordered([.. all.Where(m => m.Name == WorkflowEngineModule.ModuleName), .. all.Where(m => m.Name != WorkflowEngineModule.ModuleName)]);
    }

    /// <summary>A list <see cref="Order"/> produced (checked and ordered), with its model key computed once.</summary>
    private sealed class Ordered(List<IWorkflowPersistenceModule> modules) : IReadOnlyList<IWorkflowPersistenceModule>
    {
        public string Key { get; } = string.Join("|", modules.Select(m => m.Name));
        public IWorkflowPersistenceModule this[int index] => modules[index];
        public int Count => modules.Count;
        public IEnumerator<IWorkflowPersistenceModule> GetEnumerator() => modules.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>The model key of an ordered list (the module names joined): the model differs per set of modules.</summary>
    public static string Key(IReadOnlyList<IWorkflowPersistenceModule> ordered) =>
        ordered is Ordered o ? o.Key : string.Join("|", ordered.Select(m => m.Name));
}
