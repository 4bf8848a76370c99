using Workflow.Definitions.Catalogue;

namespace Workflow.Definitions.Cases;

/// <summary>An application (申请) for one stage of a project.</summary>
/// <param name="Stage">The stage applied for.</param>
/// <param name="Matters">The stage's matters applied for; null or empty = every matter of the stage.</param>
/// <param name="Materials">Codes of the materials handed in with the application.</param>
public sealed record NewApplication(Stage Stage, IReadOnlyList<string>? Matters, IReadOnlyList<string> Materials);
