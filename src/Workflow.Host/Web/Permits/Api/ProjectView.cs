using NodaTime;
using Workflow.Definitions.Persistence;

namespace Workflow.Host.Web.Permits.Api;

/// <summary>A construction project (工程建设项目) as the API shows it.</summary>
/// <param name="Id">Opaque id.</param>
/// <param name="Code">项目代码, unique.</param>
/// <param name="Name">项目名称.</param>
/// <param name="Enterprise">The applicant enterprise.</param>
/// <param name="Agent">The project agent's user name.</param>
/// <param name="Kind">GovernmentInvested, EnterpriseInvested or SmallLowRisk.</param>
/// <param name="GreenChannel">Key project (绿色通道).</param>
/// <param name="PriorApprovals">Matter codes approved before the project came here.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record ProjectView(string Id, string Code, string Name, string Enterprise, string Agent, string Kind, bool GreenChannel,
    IReadOnlyList<string> PriorApprovals, Instant CreatedAt)
{
    public static ProjectView From(ProjectRow row) => new(row.Id, row.Code, row.Name, row.Enterprise, row.Agent, row.Kind, row.GreenChannel,
        row.PriorApprovals.Split(',', StringSplitOptions.RemoveEmptyEntries), row.CreatedAt);
}
