namespace Workflow.Definitions.Catalogue;

/// <summary>
/// The four stages of the national construction-approval reform, each "one lead department, parallel
/// approval, time-limited completion" (一家牵头、并联审批、限时办结).
/// </summary>
public enum Stage
{
    /// <summary>立项用地规划许可: project approval and land-use planning permit.</summary>
    ProjectApprovalAndLandUse = 1,
    /// <summary>工程建设许可: construction-engineering planning permit.</summary>
    EngineeringConstructionPermit = 2,
    /// <summary>施工许可: construction permit.</summary>
    ConstructionPermit = 3,
    /// <summary>竣工验收: completion acceptance, done as a joint acceptance (联合验收).</summary>
    CompletionAcceptance = 4,
}
