namespace Workflow.Definitions.Cases;

/// <summary>
/// The workflow a case runs: the definition and the version its instance is pinned to, and the binding that chose it
/// (a <see cref="Bindings.BindingScope.Key"/>). Fixed when the case is filed; later bindings and publishes never change it.
/// </summary>
public sealed record CaseWorkflow(string DefinitionId, int Version, string Name, string Binding);
