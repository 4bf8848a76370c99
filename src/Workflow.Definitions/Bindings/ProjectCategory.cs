using Workflow.Definitions.Persistence;
using Workflow.Definitions.Projects;

namespace Workflow.Definitions.Bindings;

/// <summary>
/// The kinds of project a binding can single out: the green channel (绿色通道, key projects) or one of the
/// <see cref="ProjectKind"/>s. A project can be in two at once (a green-channel small low-risk project).
/// </summary>
public enum ProjectCategory
{
    /// <summary>绿色通道: key projects with the shorter promised limits.</summary>
    GreenChannel,
    /// <summary>政府投资项目.</summary>
    GovernmentInvested,
    /// <summary>社会投资项目.</summary>
    EnterpriseInvested,
    /// <summary>小型低风险项目.</summary>
    SmallLowRisk,
}

/// <summary>Which <see cref="ProjectCategory"/>s a project is in.</summary>
public static class ProjectCategories
{
    /// <summary>
    /// The project's categories, most specific first: the green channel is a designation made for this project, so a
    /// green-channel binding wins over one for its kind.
    /// </summary>
    public static IReadOnlyList<ProjectCategory> Of(ProjectRow project)
    {
        var categories = new List<ProjectCategory>(2);
        if (project.GreenChannel) categories.Add(ProjectCategory.GreenChannel);
        if (Enum.TryParse<ProjectKind>(project.Kind, out var kind))
            categories.Add(kind switch
            {
                ProjectKind.GovernmentInvested => ProjectCategory.GovernmentInvested,
                ProjectKind.EnterpriseInvested => ProjectCategory.EnterpriseInvested,
                _ => ProjectCategory.SmallLowRisk,
            });
        return categories;
    }

    /// <summary>The Chinese and English names, for pages and messages.</summary>
    public static (string Zh, string En) Names(ProjectCategory category) => category switch
    {
        ProjectCategory.GreenChannel => ("绿色通道项目", "green-channel projects"),
        ProjectCategory.GovernmentInvested => ("政府投资项目", "government-invested projects"),
        ProjectCategory.EnterpriseInvested => ("社会投资项目", "enterprise-invested projects"),
        _ => ("小型低风险项目", "small low-risk projects"),
    };
}
