using NodaTime;

namespace Workflow.Definitions.Persistence;

/// <summary>A construction project (工程建设项目) as stored: it groups the cases of all four stages.</summary>
public sealed class ProjectRow
{
    /// <summary>The project's id, generated at registration.</summary>
    public required string Id { get; set; }
    /// <summary>项目代码, unique.</summary>
    public required string Code { get; set; }
    /// <summary>The project's name as registered.</summary>
    public required string Name { get; set; }
    /// <summary>The applicant enterprise.</summary>
    public required string Enterprise { get; set; }
    /// <summary>The project agent's user name (代办员); agents see only their own projects.</summary>
    public required string Agent { get; set; }
    /// <summary>GovernmentInvested, EnterpriseInvested, SmallLowRisk ...</summary>
    public required string Kind { get; set; }
    /// <summary>Key project (绿色通道): shorter promised limits, inbox priority.</summary>
    public bool GreenChannel { get; set; }
    /// <summary>
    /// Matter codes, comma-separated, approved before the project was registered here (已取得的批准文件): they count as
    /// met prerequisites, like matters of issued cases.
    /// </summary>
    public string PriorApprovals { get; set; } = "";
    /// <summary>When the project was registered.</summary>
    public Instant CreatedAt { get; set; }
}
