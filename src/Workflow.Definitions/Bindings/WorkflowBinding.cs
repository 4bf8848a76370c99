using NodaTime;

namespace Workflow.Definitions.Bindings;

/// <summary>A binding in force: applications in <paramref name="Scope"/> start the published version of <paramref name="DefinitionId"/>.</summary>
/// <param name="Scope">Which applications it covers.</param>
/// <param name="DefinitionId">The workflow definition that handles them.</param>
/// <param name="ChangedBy">Who set it last (<c>system</c> for the start-up seed).</param>
/// <param name="ChangedAt">When it was set last.</param>
public sealed record WorkflowBinding(BindingScope Scope, string DefinitionId, string ChangedBy, Instant ChangedAt);

/// <summary>
/// One audited change of a binding (append-only): <paramref name="Before"/> null when the binding was created,
/// <paramref name="After"/> null when it was removed.
/// </summary>
public sealed record BindingChange(string ScopeKey, string? Before, string? After, string Actor, Instant At);

/// <summary>The workflow an application starts: the definition and published version, and the binding that chose it.</summary>
public sealed record ResolvedWorkflow(string DefinitionId, int Version, string Name, BindingScope Scope);
