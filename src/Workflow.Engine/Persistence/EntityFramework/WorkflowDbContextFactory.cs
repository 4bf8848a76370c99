using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Creates contexts from options built once at registration; thread-safe. Contexts come from EF Core's context pool: a
/// disposed context is reset (change tracker, transaction, connection, <c>AutoSavepointsEnabled</c>) and handed out again,
/// so a unit of work does not pay for setting up a context's internal services — 7 % of a permit action's CPU before
/// (perf, docs/benchmarks.md, 2026-12-02). A context that borrows another's connection and transaction
/// (<see cref="CreateUnpooled"/>) never enters the pool: returned with the borrowed connection set, it would hand that
/// connection to its next user (dotnet/efcore#30704).
/// </summary>
internal sealed class WorkflowDbContextFactory : IDbContextFactory<WorkflowDbContext>
{
    private readonly DbContextOptions<WorkflowDbContext> _options;
    private readonly PooledDbContextFactory<WorkflowDbContext> _pool;

    public WorkflowDbContextFactory(DbContextOptions<WorkflowDbContext> options, IEnumerable<IWorkflowPersistenceModule> modules)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>(options);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new WorkflowModulesOptionsExtension(modules));
        _options = builder.Options;
        _pool = new PooledDbContextFactory<WorkflowDbContext>(_options);
    }

    public WorkflowDbContext CreateDbContext() => _pool.CreateDbContext();

    public Task<WorkflowDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => _pool.CreateDbContextAsync(cancellationToken);

    /// <summary>A context outside the pool, for one that will be bound to another context's connection and transaction.</summary>
    public WorkflowDbContext CreateUnpooled() => new(_options);
}
