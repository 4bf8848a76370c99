using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// EF Core caches one model per context type; ours depends on the registered modules, so two service
/// providers with different modules in one process (tests, tools) must not share a model.
/// </summary>
internal sealed class WorkflowModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is WorkflowDbContext workflow
            ? (context.GetType(), workflow.ModelKey, designTime)
            : (context.GetType(), designTime);
}
