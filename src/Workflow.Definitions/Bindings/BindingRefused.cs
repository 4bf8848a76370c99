namespace Workflow.Definitions.Bindings;

/// <summary>A message for the user in both languages; the Host picks the one the user reads.</summary>
public sealed record Bilingual(string Zh, string En);

/// <summary>
/// A binding was refused: the workflow cannot serve the scope, or the scope itself is wrong. Carries the problems keyed
/// by the request field at fault (<c>definitionId</c>, <c>stage</c>, <c>matter</c>, <c>projectKind</c>), in Chinese
/// and English. Nothing was changed.
/// </summary>
public sealed class BindingRefused(IReadOnlyDictionary<string, Bilingual[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v.En}"))))
{
    /// <summary>The problems, keyed by the request field at fault, each in Chinese and English.</summary>
    public IReadOnlyDictionary<string, Bilingual[]> Errors { get; } = errors;
}

/// <summary>
/// No usable published workflow serves the stage (its bound workflow was retracted or deleted): applications for it
/// cannot be filed until a designer publishes it again or an administrator binds another one.
/// </summary>
public sealed class StageUnavailableException(Catalogue.Stage stage, string stageName, string definitionId)
    : Exception($"No published workflow serves stage {stage} ({stageName}): the bound workflow '{definitionId}' has no published version.")
{
    /// <summary>The stage an application was filed for.</summary>
    public Catalogue.Stage Stage { get; } = stage;
    /// <summary>The stage's display name from the catalogue, for the message.</summary>
    public string StageName { get; } = stageName;
    /// <summary>The bound workflow definition that has no published version.</summary>
    public string DefinitionId { get; } = definitionId;

    /// <summary>
    /// The refusal in both languages, telling the applicant to ask an administrator (docs/bindings.md, "When a binding
    /// is refused").
    /// </summary>
    public Bilingual Describe() => new(
        $"「{StageName}」阶段当前没有可用的已发布工作流（绑定的工作流 {DefinitionId} 没有已发布版本），暂不能申报；请联系管理员。",
        Message + " Ask an administrator to publish it again or bind another workflow.");
}
