using Workflow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>
/// The providers the persistence tests run on: SQLite always; PostgreSQL when <see cref="LocalPostgreSql"/> can offer
/// a server (WORKFLOW_TEST_POSTGRES set, or PostgreSQL's binaries installed so a private server can be started).
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            // Under CI PostgreSQL must be there: its cases run (and fail) even when it is missing.
            if (LocalPostgreSql.MayBeAvailable || Workflow.Testing.OutsidePart.IsCi)
            {
                data.Add(PostgreSql);
            }

            return data;
        }
    }

    public static ITestDatabase Create(string provider) => provider switch
    {
        Sqlite => new SqliteTestDatabase(),
        PostgreSql => new PostgreSqlTestDatabase(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown test provider."),
    };

    public static IWorkflowInstanceStore Instances(IServiceProvider provider) => provider.GetRequiredService<IWorkflowInstanceStore>();

    public static IWorkflowDefinitionStore Definitions(IServiceProvider provider) => provider.GetRequiredService<IWorkflowDefinitionStore>();

    public static WorkflowDatabaseProvider Kind(string provider) =>
        provider == Sqlite ? WorkflowDatabaseProvider.Sqlite : WorkflowDatabaseProvider.PostgreSql;
}
