namespace Workflow.Definitions.Intake;

/// <summary>A material named in a notice or a supplement request, with why it is needed.</summary>
/// <param name="Code">The material's code in the catalogue.</param>
/// <param name="Reason">缺失 (missing) or what is wrong with it.</param>
public sealed record MaterialDefect(string Code, string Reason);
