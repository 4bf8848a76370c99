using Workflow.Definitions.Catalogue;
using Workflow.Engine.Persistence;

namespace Workflow.Definitions.Bindings;

/// <summary>
/// Tells the Studio's delete and retract (through <see cref="IDefinitionDependents"/>) which bindings use a definition,
/// so that the workflow serving a stage is not pulled from under new applications. A binding uses the published
/// version, so for one version it counts only when that version is the published one.
/// </summary>
internal sealed class BindingDependents(WorkflowBindings bindings, IWorkflowDefinitionStore definitions, MatterCatalogue catalogue) : IDefinitionDependents
{
    public async Task<IReadOnlyList<DefinitionDependent>> FindAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        var using_ = await bindings.UsingAsync(definitionId, cancellationToken);
        if (using_.Count == 0) return [];
        if (version is { } v && (await definitions.FindAsync(definitionId, VersionSelector.Published, null, cancellationToken))?.Version != v) return [];
        var scopes = using_.Select(b => b.Scope.Describe(catalogue)).ToList();
        return
        [
            new DefinitionDependent("binding", using_.Count,
                $"{using_.Count} 个目录绑定正在使用它：{string.Join("；", scopes.Select(s => s.Zh))}。请先在“流程绑定”页面改绑其他工作流。",
                $"{using_.Count} catalogue binding(s) use it: {string.Join("; ", scopes.Select(s => s.En))}. Bind another workflow on the Bindings page first."),
        ];
    }
}
