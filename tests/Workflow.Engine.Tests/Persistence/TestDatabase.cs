using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>What the SQLite and PostgreSQL test databases share: service providers as a new process builds them, ad-hoc SQL, disposal.</summary>
public abstract class TestDatabase : ITestDatabase
{
    private readonly List<ServiceProvider> _providers = [];

    public abstract WorkflowDatabaseProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public FakeClock Clock { get; } = FakeClock.At("2026-03-02T09:00:00+08:00");

    /// <summary>Registers the workflow stores on this database.</summary>
    protected abstract void AddStores(IServiceCollection services);

    /// <summary>A new, unopened connection to this database.</summary>
    protected abstract DbConnection CreateConnection();

    /// <summary>Releases the provider's pooled connections (after every service provider was disposed).</summary>
    protected abstract void ClearPools();

    /// <summary>A fresh service provider on the database, as a new process would build it; migrated unless told otherwise.</summary>
    public async Task<ServiceProvider> OpenAsync(Action<IServiceCollection>? configure = null, bool migrate = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(Clock);
        AddStores(services);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        if (migrate)
        {
            await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        }

        return provider;
    }

    /// <summary>Runs one SQL query returning a single value on a connection of its own.</summary>
    public object? Scalar(string sql)
    {
        using var connection = CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public IReadOnlyList<object?[]> Query(string sql)
    {
        using var connection = CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add([.. row.Select(v => v is DBNull ? null : v)]);
        }

        return rows;
    }

    /// <summary>Disposes every service provider opened so far and releases pooled connections, as if the process ended; the data stay.</summary>
    public async Task DisposeProvidersAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _providers.Clear();
        ClearPools();
    }

    public abstract ValueTask DisposeAsync();
}
