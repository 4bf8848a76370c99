namespace Workflow.Definitions.Projects;

/// <summary>What kind of construction project; decides nothing yet but is what agents and supervisors filter by.</summary>
public enum ProjectKind
{
    /// <summary>政府投资项目.</summary>
    GovernmentInvested,
    /// <summary>社会投资项目.</summary>
    EnterpriseInvested,
    /// <summary>小型低风险项目.</summary>
    SmallLowRisk,
}
