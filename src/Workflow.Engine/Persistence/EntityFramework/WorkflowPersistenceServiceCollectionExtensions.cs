using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// Registers the EF Core workflow stores. Call exactly one of <see cref="AddWorkflowSqlite"/> or
/// <see cref="AddWorkflowPostgreSql"/>, then create the schema once at start-up with
/// <c>await provider.GetRequiredService&lt;WorkflowDatabase&gt;().MigrateAsync()</c>.
/// </summary>
public static class WorkflowPersistenceServiceCollectionExtensions
{
    /// <summary>
    /// Stores on a SQLite file, e.g. <c>"Data Source=data/workflow.db"</c>. The file (and its folder) is created by
    /// <see cref="WorkflowDatabase.MigrateAsync"/>, which also switches it to WAL. Every connection waits up to
    /// <see cref="WorkflowPersistenceOptions.BusyTimeout"/> for another writer.
    /// </summary>
    /// <remarks><paramref name="pageSize"/>: the page size of a new file (<see cref="WorkflowPersistenceOptions.SqlitePageSize"/>).</remarks>
    /// <exception cref="ArgumentException">The connection string is empty, malformed or names no data source.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is not a power of two from 512 to 65536.</exception>
    public static IServiceCollection AddWorkflowSqlite(this IServiceCollection services, string connectionString, TimeSpan? busyTimeout = null, int? pageSize = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (pageSize is { } size && (size < 512 || size > 65536 || (size & (size - 1)) != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), size, "A SQLite page size is a power of two from 512 to 65536.");
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"The SQLite connection string '{connectionString}' is malformed: {e.Message} Expected e.g. 'Data Source=workflow.db'.", nameof(connectionString), e);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException($"The SQLite connection string '{connectionString}' names no file: expected e.g. 'Data Source=workflow.db'.", nameof(connectionString));
        }

        // Before any connection opens: the library's process-wide settings can only be chosen then.
        SqliteLibrarySettings.EnsureApplied();
        var options = new WorkflowPersistenceOptions
        {
            Provider = WorkflowDatabaseProvider.Sqlite,
            ConnectionString = builder.ToString(),
            BusyTimeout = busyTimeout ?? TimeSpan.FromSeconds(30),
            SqlitePageSize = pageSize,
        };
        return services.AddWorkflowPersistence(options, o => o
            .UseSqlite(options.ConnectionString, sqlite => sqlite.CommandTimeout((int)Math.Ceiling(options.BusyTimeout.TotalSeconds) + 30))
            .AddInterceptors(new SqliteBusyTimeoutInterceptor((int)options.BusyTimeout.TotalMilliseconds)));
    }

    /// <summary>Stores in PostgreSQL, e.g. <c>"Host=localhost;Database=workflow;Username=workflow;Password=…"</c>.</summary>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    public static IServiceCollection AddWorkflowPostgreSql(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("The PostgreSQL connection string is empty: expected e.g. 'Host=localhost;Database=workflow;Username=workflow'.", nameof(connectionString));
        }

        var options = new WorkflowPersistenceOptions { Provider = WorkflowDatabaseProvider.PostgreSql, ConnectionString = connectionString };
        return services.AddWorkflowPersistence(options, o => o.UseNpgsql(connectionString));
    }

    /// <summary>
    /// Adds a module's tables (entity configurations and schema scripts) to the workflow database.
    /// Register modules before the database is migrated; registering the same type twice is harmless.
    /// </summary>
    public static IServiceCollection AddWorkflowPersistenceModule<TModule>(this IServiceCollection services)
        where TModule : class, IWorkflowPersistenceModule
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowPersistenceModule, TModule>());
        return services;
    }

    /// <summary>
    /// Adds a participant called inside every instance save's transaction (see <see cref="IWorkflowSaveParticipant"/>).
    /// Participants are singletons: they must be stateless or thread-safe.
    /// </summary>
    public static IServiceCollection AddWorkflowSaveParticipant<TParticipant>(this IServiceCollection services)
        where TParticipant : class, IWorkflowSaveParticipant
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowSaveParticipant, TParticipant>());
        return services;
    }

    private static IServiceCollection AddWorkflowPersistence(this IServiceCollection services, WorkflowPersistenceOptions options, Action<DbContextOptionsBuilder<WorkflowDbContext>> useProvider)
    {
        if (services.Any(d => d.ServiceType == typeof(WorkflowPersistenceOptions)))
        {
            throw new InvalidOperationException("The workflow database is registered already: call AddWorkflowSqlite or AddWorkflowPostgreSql once.");
        }

        services.AddSingleton(options);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IWorkflowPersistenceModule, WorkflowEngineModule>());
        services.AddSingleton<IDbContextFactory<WorkflowDbContext>>(sp =>
        {
            var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
            useProvider(builder);
            builder.ReplaceService<IModelCacheKeyFactory, WorkflowModelCacheKeyFactory>();
            // EF interceptors registered as services (e.g. a test counting database round trips) see every context.
            if (sp.GetServices<IInterceptor>().ToList() is { Count: > 0 } interceptors) builder.AddInterceptors(interceptors);
            return new WorkflowDbContextFactory(builder.Options, sp.GetServices<IWorkflowPersistenceModule>());
        });
        services.AddSingleton<WorkflowDatabase>();
        services.AddSingleton<EfWorkflowInstanceStore>();
        services.AddSingleton<IWorkflowInstanceStore>(sp => sp.GetRequiredService<EfWorkflowInstanceStore>());
        services.AddSingleton<IDueBookmarkClaimer>(sp => sp.GetRequiredService<EfWorkflowInstanceStore>());
        services.AddSingleton<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>();
        return services;
    }
}
