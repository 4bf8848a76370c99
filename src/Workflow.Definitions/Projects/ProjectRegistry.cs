using Workflow.Definitions.Messages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Definitions.Catalogue;
using Workflow.Definitions.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Projects;

/// <summary>The project register: an agent registers a project before filing applications for it.</summary>
public sealed class ProjectRegistry(MatterCatalogue catalogue, IDbContextFactory<WorkflowDbContext> contexts, IClock clock)
{
    /// <summary>Registers a project for <paramref name="agent"/>.</summary>
    /// <exception cref="PermitRuleViolation">A field is empty or the code is taken.</exception>
    public async Task<ProjectRow> CreateProjectAsync(NewProject project, string agent, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, RuleMessage[]>();
        if (string.IsNullOrWhiteSpace(project.Code)) errors["code"] = [new(RuleCodes.ProjectCodeRequired)];
        if (string.IsNullOrWhiteSpace(project.Name)) errors["name"] = [new(RuleCodes.ProjectNameRequired)];
        if (string.IsNullOrWhiteSpace(project.Enterprise)) errors["enterprise"] = [new(RuleCodes.ProjectEnterpriseRequired)];
        var unknown = (project.PriorApprovals ?? []).Where(c => catalogue.FindMatter(c) is null).ToList();
        if (unknown.Count > 0) errors["priorApprovals"] = [new(RuleCodes.ProjectPriorApprovalsUnknown, string.Join(", ", unknown))];
        InputLimits.Check(errors, "code", project.Code, InputLimits.ProjectCode);
        InputLimits.Check(errors, "name", project.Name, InputLimits.ProjectName);
        InputLimits.Check(errors, "enterprise", project.Enterprise, InputLimits.Enterprise);
        if (errors.Count > 0) throw new PermitRuleViolation(errors);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ProjectRow>().AnyAsync(p => p.Code == project.Code.Trim(), cancellationToken))
            throw PermitRuleViolation.For("code", RuleCodes.ProjectCodeTaken, project.Code.Trim());
        var row = new ProjectRow
        {
            Id = "P" + Guid.NewGuid().ToString("N")[..12],
            Code = project.Code.Trim(),
            Name = project.Name.Trim(),
            Enterprise = project.Enterprise.Trim(),
            Agent = agent,
            Kind = project.Kind.ToString(),
            GreenChannel = project.GreenChannel,
            PriorApprovals = string.Join(",", project.PriorApprovals ?? []),
            CreatedAt = clock.GetCurrentInstant(),
        };
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }
}
