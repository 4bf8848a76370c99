using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>A database of its own on <see cref="LocalPostgreSql"/>, dropped on dispose.</summary>
public sealed class PostgreSqlTestDatabase : ITestDatabase
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly string _name = "wf_" + Guid.NewGuid().ToString("N");
    private readonly string _server;

    public PostgreSqlTestDatabase()
    {
        _server = LocalPostgreSql.ServerConnectionString;
        using (var connection = new NpgsqlConnection(_server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {_name};";
            command.ExecuteNonQuery();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();
    }

    public WorkflowDatabaseProvider Provider => WorkflowDatabaseProvider.PostgreSql;

    public string ConnectionString { get; }

    public FakeClock Clock { get; } = FakeClock.At("2026-03-02T09:00:00+08:00");

    public async Task<ServiceProvider> OpenAsync(Action<IServiceCollection>? configure = null, bool migrate = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(Clock);
        services.AddWorkflowPostgreSql(ConnectionString);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        if (migrate)
        {
            await provider.GetRequiredService<WorkflowDatabase>().MigrateAsync();
        }

        return provider;
    }

    public object? Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public IReadOnlyList<object?[]> Query(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
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

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {_name} WITH (FORCE);";
        await command.ExecuteNonQueryAsync();
    }
}
