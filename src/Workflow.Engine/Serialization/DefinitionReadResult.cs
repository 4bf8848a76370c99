using Workflow.Engine.Model;
using Workflow.Engine.Validation;

namespace Workflow.Engine.Serialization;

/// <summary>What reading a definition gave: the model (null when the text could not be understood at all) and the shape problems met.</summary>
public sealed record DefinitionReadResult(WorkflowDefinition? Definition, IReadOnlyList<ValidationFinding> Findings);
