using Workflow.Definitions.Catalogue;

namespace Workflow.Definitions.Bindings;

/// <summary>
/// What a binding covers: a whole stage, or within it one matter, or one kind of project. Never a matter and a kind
/// at once (<see cref="WorkflowBindings"/> refuses that), so the precedence stays one simple line: matter, then
/// project kind, then stage.
/// </summary>
public sealed record BindingScope(Stage Stage, string? Matter = null, ProjectCategory? ProjectKind = null)
{
    /// <summary>The stored key, e.g. <c>ConstructionPermit</c>, <c>ConstructionPermit/matter:ZJJ-001</c>, <c>ConstructionPermit/kind:GreenChannel</c>.</summary>
    public string Key => Matter is not null ? $"{Stage}/matter:{Matter}" : ProjectKind is { } kind ? $"{Stage}/kind:{kind}" : Stage.ToString();

    /// <summary>True for the stage-wide binding every stage must keep.</summary>
    public bool IsStageWide => Matter is null && ProjectKind is null;

    /// <summary>How precise the scope is: 2 for a matter, 1 for a project kind, 0 for the stage.</summary>
    public int Specificity => Matter is not null ? 2 : ProjectKind is not null ? 1 : 0;

    /// <summary>The scope for people, in Chinese and English.</summary>
    public (string Zh, string En) Describe(MatterCatalogue catalogue)
    {
        var stage = catalogue.Stages.FirstOrDefault(s => s.Stage == Stage)?.Name ?? Stage.ToString();
        if (Matter is not null)
        {
            var name = catalogue.FindMatter(Matter)?.Name;
            return ($"{stage} · 事项 {Matter} {name}", $"stage {Stage}, matter {Matter}");
        }
        if (ProjectKind is { } kind)
        {
            var (zh, en) = ProjectCategories.Names(kind);
            return ($"{stage} · {zh}", $"stage {Stage}, {en}");
        }
        return ($"{stage}（整个阶段）", $"stage {Stage} (whole stage)");
    }
}
