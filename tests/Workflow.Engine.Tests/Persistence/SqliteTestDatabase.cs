using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>A real SQLite file in its own temp folder, deleted (with its WAL files) on dispose.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    public SqliteTestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "wf-persist-" + Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Folder, "workflow.db");
        ConnectionString = $"Data Source={FilePath}";
    }

    public override WorkflowDatabaseProvider Provider => WorkflowDatabaseProvider.Sqlite;

    public string Folder { get; }
    public string FilePath { get; }
    public override string ConnectionString { get; }

    protected override void AddStores(IServiceCollection services) => services.AddWorkflowSqlite(ConnectionString, TimeSpan.FromSeconds(20));

    protected override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    // Pooled connections keep the file open; release them so the folder can go.
    protected override void ClearPools() => SqliteConnection.ClearAllPools();

    public override async ValueTask DisposeAsync()
    {
        await DisposeProvidersAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
