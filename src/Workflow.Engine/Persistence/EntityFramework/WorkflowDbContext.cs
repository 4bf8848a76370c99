using Microsoft.EntityFrameworkCore;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// The one EF Core context over the workflow database: the engine's tables plus whatever registered
/// <see cref="IWorkflowPersistenceModule"/>s add. Create it with the registered
/// <see cref="IDbContextFactory{TContext}"/>; it is short-lived (one unit of work), never shared between threads.
/// The schema comes from <see cref="WorkflowDatabase.MigrateAsync"/>, never from <c>EnsureCreated</c>.
/// </summary>
public sealed class WorkflowDbContext : DbContext
{
    private readonly IReadOnlyList<IWorkflowPersistenceModule> _modules;

    /// <summary>
    /// Called by the registered context factory (through EF Core's context pool), with the modules in the options: the
    /// engine's module first, then the others in registration order (a name used twice throws).
    /// </summary>
    public WorkflowDbContext(DbContextOptions<WorkflowDbContext> options)
        : base(options)
    {
        _modules = options.FindExtension<WorkflowModulesOptionsExtension>()?.Modules
            ?? throw new InvalidOperationException("A WorkflowDbContext is created by the factory AddWorkflowSqlite / AddWorkflowPostgreSql register (its options carry the persistence modules).");
        ModelKey = WorkflowModules.Key(_modules);
    }

    /// <summary>Which provider this context talks to.</summary>
    public WorkflowDatabaseProvider Provider =>
        Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite" ? WorkflowDatabaseProvider.Sqlite : WorkflowDatabaseProvider.PostgreSql;

    /// <summary>Identifies the set of modules, because the model differs per set (see WorkflowModelCacheKeyFactory).</summary>
    internal string ModelKey { get; }

    internal DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();
    internal DbSet<InstanceRow> Instances => Set<InstanceRow>();
    internal DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();
    internal DbSet<StatePartRow> StatePartRows => Set<StatePartRow>();
    internal DbSet<JournalRow> Journal => Set<JournalRow>();
    internal DbSet<IdempotencyRow> Idempotency => Set<IdempotencyRow>();

    /// <summary>
    /// What every module's model shares (docs/persistence.md, *Modules*): columns named in snake_case after their
    /// properties, and instants stored as Unix nanoseconds (a 64-bit integer on both providers).
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<NodaTime.Instant>().HaveConversion<InstantToUnixNanosecondsConverter>();
        configurationBuilder.Conventions.Add(_ => new SnakeCaseColumnConvention());
    }

    /// <summary>Lets every module, the engine's own first, add its tables to the model.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var module in _modules)
        {
            module.ConfigureModel(modelBuilder);
        }
    }
}
