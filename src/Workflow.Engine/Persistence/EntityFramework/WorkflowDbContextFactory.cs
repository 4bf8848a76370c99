using Microsoft.EntityFrameworkCore;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>Creates contexts from options built once at registration; thread-safe.</summary>
internal sealed class WorkflowDbContextFactory(DbContextOptions<WorkflowDbContext> options, IEnumerable<IWorkflowPersistenceModule> modules)
    : IDbContextFactory<WorkflowDbContext>
{
    private readonly IReadOnlyList<IWorkflowPersistenceModule> _modules = WorkflowModules.Order(modules);

    public WorkflowDbContext CreateDbContext() => new(options, _modules);
}
