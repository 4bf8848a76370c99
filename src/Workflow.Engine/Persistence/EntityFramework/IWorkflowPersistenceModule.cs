using Microsoft.EntityFrameworkCore;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// A module that keeps tables of its own in the workflow database (the engine itself is one; the permit
/// domain's step projection is another). It contributes entity configurations to <see cref="WorkflowDbContext"/>
/// and the ordered schema scripts that create and evolve its tables. Register it with
/// <see cref="WorkflowPersistenceServiceCollectionExtensions.AddWorkflowPersistenceModule{TModule}"/>.
/// </summary>
/// <remarks>
/// Modules are migrated in registration order after the engine's own module, so a module's tables may
/// reference <c>wf_instances</c>. A module's model must match the tables its scripts create; map
/// <see cref="NodaTime.Instant"/> columns with <see cref="InstantToUnixNanosecondsConverter"/>.
/// </remarks>
public interface IWorkflowPersistenceModule
{
    /// <summary>Unique module name; the schema history records applied versions under it. Never rename it.</summary>
    string Name { get; }

    /// <summary>Adds the module's entity types to the shared model.</summary>
    void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>
    /// The module's schema scripts, versions 1, 2, 3 … without gaps. An applied script is never edited:
    /// a change is a new version.
    /// </summary>
    IReadOnlyList<SchemaMigration> Migrations { get; }
}
