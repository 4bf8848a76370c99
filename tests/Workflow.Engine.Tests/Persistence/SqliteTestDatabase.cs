using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>A real SQLite file in its own temp folder, deleted (with its WAL files) on dispose.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly List<ServiceProvider> _providers = [];

    public SqliteTestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "wf-persist-" + Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Folder, "workflow.db");
        ConnectionString = $"Data Source={FilePath}";
    }

    public WorkflowDatabaseProvider Provider => WorkflowDatabaseProvider.Sqlite;

    public string Folder { get; }
    public string FilePath { get; }
    public string ConnectionString { get; }
    public FakeClock Clock { get; } = FakeClock.At("2026-03-02T09:00:00+08:00");

    /// <summary>A fresh service provider on the file, as a new process would build it; migrated unless told otherwise.</summary>
    public async Task<ServiceProvider> OpenAsync(Action<IServiceCollection>? configure = null, bool migrate = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(Clock);
        services.AddWorkflowSqlite(ConnectionString, TimeSpan.FromSeconds(20));
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
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public IReadOnlyList<object?[]> Query(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
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

    /// <summary>Disposes every service provider opened so far and releases pooled connections, as if the process ended; the file stays.</summary>
    public async Task DisposeProvidersAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _providers.Clear();
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeProvidersAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
