using Workflow.Definitions.Catalogue;
using Workflow.Engine.Validation;

namespace Workflow.Definitions.Validation;

/// <summary>
/// Every department and matter a permit activity names must exist in the catalogue in force (an unknown code would
/// fault the case when the activity runs), and a department review's matter must be one its department decides.
/// </summary>
public sealed class CatalogueReferenceRule(MatterCatalogue catalogue) : IWorkflowValidationRule
{
    /// <inheritdoc />
    public void Validate(ValidationContext context)
    {
        foreach (var node in context.Definition.AllActivities().Where(PermitInputs.IsPermitActivity))
        {
            foreach (var (input, code) in PermitInputs.Codes(node, PermitInputs.DepartmentInputs, PermitInputs.DepartmentListInputs))
                if (catalogue.FindDepartment(code) is null)
                    context.Add(ValidationFinding.Error(node.Id, input,
                        $"department \"{code}\" is not in the catalogue; choose one of {string.Join(", ", catalogue.Departments.Select(d => d.Code))}",
                        "unknown-department", $"部门「{code}」不在事项目录中；请从目录中选择部门"));
            foreach (var (input, code) in PermitInputs.Codes(node, PermitInputs.MatterInputs, PermitInputs.MatterListInputs))
                if (catalogue.FindMatter(code) is null)
                    context.Add(ValidationFinding.Error(node.Id, input,
                        $"matter \"{code}\" is not in the catalogue; choose a matter from the catalogue",
                        "unknown-matter", $"事项「{code}」不在事项目录中；请从目录中选择事项"));

            if (node.Type == "Permits.DepartmentReview"
                && PermitInputs.Literal(node, "matter") is { } matterCode && catalogue.FindMatter(matterCode) is { } matter
                && PermitInputs.Literal(node, "department") is { } department && catalogue.FindDepartment(department) is not null
                && matter.Department != department)
                context.Add(ValidationFinding.Warning(node.Id, "department",
                    $"matter {matter.Code} is decided by department {matter.Department}, but this review sends it to {department}",
                    "matter-department", $"事项 {matter.Code} 由部门 {matter.Department} 审批，此审查却交给部门 {department}"));
        }
    }
}
