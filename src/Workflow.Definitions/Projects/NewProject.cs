namespace Workflow.Definitions.Projects;

/// <summary>A project an agent registers.</summary>
/// <param name="Code">项目代码, unique.</param>
/// <param name="Name">项目名称.</param>
/// <param name="Enterprise">The applicant enterprise.</param>
/// <param name="Kind">The project kind.</param>
/// <param name="GreenChannel">Key project (绿色通道).</param>
/// <param name="PriorApprovals">Matter codes approved before the project came here; they count as met prerequisites.</param>
public sealed record NewProject(string Code, string Name, string Enterprise, ProjectKind Kind, bool GreenChannel = false, IReadOnlyList<string>? PriorApprovals = null);
