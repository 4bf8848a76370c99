using System.Text.Json.Nodes;
using Workflow.Engine.Model;
using Workflow.Engine.Validation;

namespace Workflow.Definitions.Validation;

/// <summary>
/// One finding as a designer reads it: the activity named by its display name and id, the message in Chinese and in
/// English. The Studio's problem details (docs/studio.md) and the CLI's <c>validate</c> both print these.
/// </summary>
/// <param name="Finding">The finding as the validator reported it.</param>
/// <param name="ActivityName">The activity's display name (<c>metadata.displayText</c>, else its <c>name</c>, else its type); null for the workflow as a whole.</param>
/// <param name="Zh">The Chinese line: <c>错误：活动「名称」(id)：…</c>.</param>
/// <param name="En">The English line: <c>error: activity "name" (id) (property): …</c>.</param>
public sealed record FindingText(ValidationFinding Finding, string? ActivityName, string Zh, string En)
{
    /// <summary>Chinese for the engine's own rules, which speak English only; by finding code.</summary>
    private static readonly Dictionary<string, string> EngineCodesZh = new(StringComparer.Ordinal)
    {
        ["json"] = "定义不是有效的 JSON",
        ["shape"] = "定义的结构无法读取",
        ["unknown-type"] = "未知的活动类型",
        ["dangling-connection"] = "连线指向不存在的活动",
        ["missing-port"] = "连线使用了活动没有的端口",
        ["no-start"] = "流程没有开始活动",
        ["empty"] = "流程是空的",
        ["root-type"] = "根活动必须是流程图（Elsa.Flowchart）",
        ["duplicate-id"] = "活动标识重复",
        ["script"] = "脚本有误",
        ["bad-value"] = "输入值无效",
        ["unreachable"] = "活动从开始处不可达",
        ["join-never-completes"] = "汇合永远无法完成",
        ["mode"] = "汇合方式可能不符合预期",
        ["quorum"] = "法定人数设置有误",
        ["rule-failed"] = "校验规则无法检查此定义",
    };

    /// <summary>
    /// True for an error: the definition cannot run or be published; warnings only ask a designer to look
    /// (docs/definition-format.md, "Validation").
    /// </summary>
    public bool IsError => Finding.Severity == FindingSeverity.Error;

    /// <summary>The findings of one definition, each with its activity's display name.</summary>
    public static IReadOnlyList<FindingText> Of(IEnumerable<ValidationFinding> findings, WorkflowDefinition? definition)
    {
        var nodes = definition?.AllActivities().GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First()) ?? [];
        return [.. findings.Select(f => Describe(f, f.ActivityId is { } id && nodes.TryGetValue(id, out var node) ? DisplayName(node) : null))];
    }

    /// <summary>What the Studio shows as the activity's title: the designer's display text, else its name, else its type.</summary>
    public static string DisplayName(ActivityNode node) =>
        (node.Raw["metadata"] as JsonObject)?["displayText"] is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text
            : node.Name ?? node.Type;

    private static FindingText Describe(ValidationFinding f, string? name)
    {
        var error = f.Severity == FindingSeverity.Error;
        var whereZh = f.ActivityId is null ? "流程" : $"活动「{name ?? f.ActivityId}」({f.ActivityId})";
        var whereEn = f.ActivityId is null ? "workflow" : $"activity \"{name ?? f.ActivityId}\" ({f.ActivityId})";
        var messageZh = f.MessageZh ?? (EngineCodesZh.TryGetValue(f.Code, out var zh) ? $"{zh}（{f.Message}）" : f.Message);
        return new FindingText(f, name,
            $"{(error ? "错误" : "警告")}：{whereZh}：{messageZh}",
            $"{(error ? "error" : "warning")}: {whereEn}{(f.Property is null ? "" : $" ({f.Property})")}: {f.Message}");
    }
}
