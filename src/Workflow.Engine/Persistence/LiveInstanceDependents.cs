namespace Workflow.Engine.Persistence;

/// <summary>
/// The engine's own dependents of a definition: instances that still run on it (test runs included: deleting the
/// version under them would strand them too). Finished, cancelled and faulted instances do not hold a definition.
/// </summary>
public sealed class LiveInstanceDependents(IWorkflowInstanceQuery instances) : IDefinitionDependents
{
    public const string Kind = "instances";

    public async Task<IReadOnlyList<DefinitionDependent>> FindAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var count = await instances.CountAsync(WorkflowInstanceFilter.LiveOf(definitionId, version), cancellationToken);
        if (count == 0)
            return [];
        var which = version is { } v ? $"版本 {v}" : "任一版本";
        var whichEn = version is { } w ? $"version {w}" : "a version";
        return [new DefinitionDependent(Kind, count,
            $"{count} 个运行中的实例（办件）使用{which}",
            $"{count} running instance(s) (cases) use {whichEn}")];
    }
}
