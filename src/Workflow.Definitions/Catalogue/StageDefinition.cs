namespace Workflow.Definitions.Catalogue;

/// <summary>A stage as the jurisdiction runs it: its lead department, its case-level limits and the workflow that runs it.</summary>
/// <param name="Stage">Which stage.</param>
/// <param name="Name">Chinese name, e.g. 施工许可.</param>
/// <param name="LeadDepartment">Code of the lead department (牵头部门).</param>
/// <param name="StatutoryLimit">The stage's statutory limit in working days (the case's statutory clock).</param>
/// <param name="PromisedLimit">The stage's promised limit in working days (the case's promised clock).</param>
/// <param name="GreenChannelPromisedLimit">The promised limit for key projects.</param>
/// <param name="WorkflowDefinitionId">The definition id of the stage workflow.</param>
/// <param name="EnglishName">The name in the English UI; the Chinese name when the catalogue gives none.</param>
public sealed record StageDefinition(
    Stage Stage,
    string Name,
    string LeadDepartment,
    int StatutoryLimit,
    int PromisedLimit,
    int GreenChannelPromisedLimit,
    string WorkflowDefinitionId,
    string? EnglishName = null)
{
    /// <summary>The promised limit a case of this stage gets: the green channel's for key projects.</summary>
    public int PromisedLimitFor(bool greenChannel) => greenChannel ? GreenChannelPromisedLimit : PromisedLimit;
}
