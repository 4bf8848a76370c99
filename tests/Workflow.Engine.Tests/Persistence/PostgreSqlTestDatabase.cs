using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>A database of its own on <see cref="LocalPostgreSql"/>, dropped on dispose.</summary>
public sealed class PostgreSqlTestDatabase : TestDatabase
{
    public PostgreSqlTestDatabase() => ConnectionString = LocalPostgreSql.CreateDatabase();

    public override WorkflowDatabaseProvider Provider => WorkflowDatabaseProvider.PostgreSql;

    public override string ConnectionString { get; }

    protected override void AddStores(IServiceCollection services) => services.AddWorkflowPostgreSql(ConnectionString);

    protected override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    protected override void ClearPools() => NpgsqlConnection.ClearAllPools();

    public override async ValueTask DisposeAsync()
    {
        await DisposeProvidersAsync();
        var name = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var connection = new NpgsqlConnection(LocalPostgreSql.ServerConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE);";
        await command.ExecuteNonQueryAsync();
    }
}
