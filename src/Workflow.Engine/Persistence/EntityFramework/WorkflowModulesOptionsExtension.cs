using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Carries the registered <see cref="IWorkflowPersistenceModule"/>s (checked and ordered) in the context's options, so
/// that <see cref="WorkflowDbContext"/> has the one-parameter constructor EF Core's context pool needs
/// (<see cref="WorkflowDbContextFactory"/>). It adds no services; the model per set of modules is keyed by
/// <see cref="WorkflowModelCacheKeyFactory"/>.
/// </summary>
internal sealed class WorkflowModulesOptionsExtension(IEnumerable<IWorkflowPersistenceModule> modules) : IDbContextOptionsExtension
{
    /// <summary>The modules, the engine's first (<see cref="WorkflowModules.Order"/>).</summary>
    public IReadOnlyList<IWorkflowPersistenceModule> Modules { get; } = WorkflowModules.Order(modules);

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    private DbContextOptionsExtensionInfo? _info;

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(WorkflowModulesOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "WorkflowModules=" + WorkflowModules.Key(extension.Modules) + " ";

        // The modules change the model, not EF's internal services: one internal service provider serves every set.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["Workflow:Modules"] = WorkflowModules.Key(extension.Modules);
    }
}
