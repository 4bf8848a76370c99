namespace Workflow.Engine.Persistence;

/// <summary>
/// The engine's own dependents of a definition: production instances (cases) that still run on it. Finished,
/// cancelled and faulted instances do not hold a definition. Designers' test runs (<c>IsTest</c>) are not counted:
/// they never block a change, and a delete takes its test runs with it (<see cref="TestRunCleanup"/>), as Elsa's
/// <c>Elsa.Workflows.Management/Handlers/DeleteWorkflowInstances.cs</c> deletes a deleted definition's instances.
/// </summary>
public sealed class LiveInstanceDependents(IWorkflowInstanceQuery instances) : IDefinitionDependents
{
    /// <summary>The <see cref="DefinitionDependent.Kind"/> of its answer, so the host can tell running instances from other dependents.</summary>
    public const string Kind = "instances";

    /// <inheritdoc />
    public async Task<IReadOnlyList<DefinitionDependent>> FindAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var count = await instances.CountAsync(WorkflowInstanceFilter.LiveOf(definitionId, version) with { IsTest = false }, cancellationToken);
        if (count == 0)
            return [];
        var which = version is { } v ? $"版本 {v}" : "任一版本";
        var whichEn = version is { } w ? $"version {w}" : "a version";
        return [new DefinitionDependent(Kind, count,
            $"{count} 个运行中的实例（办件）使用{which}",
            $"{count} running instance(s) (cases) use {whichEn}")];
    }
}
