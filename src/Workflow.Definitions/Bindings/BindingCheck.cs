using System.Text.Json;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Validation;
using Workflow.Engine.Model;
using Workflow.Engine.Persistence;
using Workflow.Engine.Validation;

namespace Workflow.Definitions.Bindings;

/// <summary>
/// Whether a workflow can serve a binding's scope: the scope is consistent with the catalogue, and the workflow has
/// a published version that validates, has an intake activity (<c>Permits.Intake</c>: otherwise no application is
/// ever received), reviews only matters of the stage, and gives reviews and special procedures only to departments
/// of the stage (its lead department and the departments of its matters). A joint review's participants may be any
/// department of the catalogue: a joint acceptance (联合验收) invites departments that decide no matter of their own
/// (the shipped stage 4 invites water, sw). Only literal inputs are seen, as in <see cref="ReviewChainRule"/>; one
/// chosen by script is the designer's responsibility.
/// </summary>
public sealed class BindingCheck(MatterCatalogue catalogue, IWorkflowDefinitionStore definitions, WorkflowValidator validator)
{
    /// <summary>The problems, keyed by request field; empty when the binding may be made.</summary>
    public async Task<Dictionary<string, List<Bilingual>>> ProblemsAsync(BindingScope scope, string definitionId, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, List<Bilingual>>();
        void Add(string field, string zh, string en) => (problems.TryGetValue(field, out var list) ? list : problems[field] = []).Add(new(zh, en));

        var stage = catalogue.Stages.FirstOrDefault(s => s.Stage == scope.Stage);
        if (stage is null)
        {
            Add("stage", $"目录中没有阶段 {scope.Stage}", $"the catalogue has no stage {scope.Stage}");
            return problems;
        }
        if (scope.Matter is not null && scope.ProjectKind is not null)
            Add("projectKind", "请选择事项或项目类型之一，不能同时选择", "choose a matter or a project kind, not both");
        if (scope.Matter is { } scopeMatter && catalogue.FindMatter(scopeMatter)?.Stage != scope.Stage)
            Add("matter", $"事项 {scopeMatter} 不属于「{stage.Name}」阶段", $"matter {scopeMatter} is not a matter of stage {scope.Stage}");
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            Add("definitionId", "请选择工作流定义", "the workflow definition is required");
            return problems;
        }

        var published = await definitions.FindAsync(definitionId, VersionSelector.Published, null, cancellationToken);
        if (published is null)
        {
            var any = await definitions.FindAsync(definitionId, VersionSelector.Latest, null, cancellationToken);
            if (any is null) Add("definitionId", $"没有工作流定义 {definitionId}", $"there is no workflow definition {definitionId}");
            else Add("definitionId", $"工作流 {definitionId} 没有已发布的版本，请先在设计器中发布", $"workflow {definitionId} has no published version; publish it in the Studio first");
            return problems;
        }

        var (definition, findings) = validator.Validate(published.Json);
        var errors = findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (definition is null || errors.Count > 0)
        {
            var list = string.Join("; ", errors.Take(3).Select(e => e.Message));
            Add("definitionId", $"工作流 {definitionId} 第 {published.Version} 版校验不通过：{list}", $"workflow {definitionId} version {published.Version} does not validate: {list}");
            return problems;
        }

        var activities = definition.AllActivities().ToList();
        if (activities.All(a => a.Type != "Permits.Intake"))
            Add("definitionId", $"工作流 {definitionId} 没有一窗受理（Permits.Intake）活动，无法受理申请",
                $"workflow {definitionId} has no intake activity (Permits.Intake), so it could never receive an application");

        var stageMatters = catalogue.MattersOf(scope.Stage).Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var stageDepartments = catalogue.MattersOf(scope.Stage).Select(m => m.Department).Append(stage.LeadDepartment).ToHashSet(StringComparer.Ordinal);
        foreach (var activity in activities)
        {
            var label = activity.Name is { Length: > 0 } name ? $"「{name}」({activity.Id})" : activity.Id;
            var labelEn = activity.Name is { Length: > 0 } nameEn ? $"'{nameEn}' ({activity.Id})" : activity.Id;
            foreach (var department in LeadingDepartments(activity).Where(d => !stageDepartments.Contains(d)))
                Add("definitionId", $"活动{label}使用的部门 {department} 不参与「{stage.Name}」阶段（本阶段部门：{string.Join("、", stageDepartments.Order())}）",
                    $"activity {labelEn} uses department {department}, which takes no part in stage {scope.Stage} (its departments: {string.Join(", ", stageDepartments.Order())})");
            foreach (var department in LiteralArray(activity, "participants").Where(d => !string.IsNullOrWhiteSpace(d) && catalogue.FindDepartment(d) is null))
                Add("definitionId", $"活动{label}的参与部门 {department} 不在部门目录中", $"activity {labelEn} invites department {department}, which is not in the catalogue");
            foreach (var matter in ReviewChainRule.MattersReviewedBy(activity).Where(m => !stageMatters.Contains(m)))
                Add("definitionId", $"活动{label}审查的事项 {matter} 不属于「{stage.Name}」阶段",
                    $"activity {labelEn} reviews matter {matter}, which is not a matter of stage {scope.Stage}");
        }
        return problems;
    }

    /// <summary>The departments an activity gives a step of its own in literal inputs (reviews, special procedures, a joint review's lead).</summary>
    private static IEnumerable<string> LeadingDepartments(ActivityNode node)
    {
        var names = node.Type switch
        {
            "Permits.DepartmentReview" or "Permits.SpecialProcedure" => Literal(node, "department"),
            "Permits.JointReview" or "Permits.JointSiteInspection" => Literal(node, "leadDepartment"),
            _ => [],
        };
        return names.Where(n => !string.IsNullOrWhiteSpace(n));
    }

    private static IEnumerable<string> Literal(ActivityNode node, string input) =>
        node.GetInput(input) is { ExpressionType: "Literal" } i && i.ValueText is { } text ? [text] : [];

    private static IEnumerable<string> LiteralArray(ActivityNode node, string input)
    {
        if (node.Type is not ("Permits.JointReview" or "Permits.JointSiteInspection")) return [];
        if (node.GetInput(input) is not { ExpressionType: "Object" or "Literal" } i || string.IsNullOrWhiteSpace(i.ValueText)) return [];
        try
        {
            return JsonSerializer.Deserialize<string[]>(i.ValueText) ?? [];
        }
        catch (JsonException)
        {
            return []; // the engine's validation reports unreadable inputs
        }
    }
}
