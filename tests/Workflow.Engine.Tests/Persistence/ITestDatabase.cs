using Microsoft.Extensions.DependencyInjection;
using Workflow.Engine.Persistence.EntityFramework;
using Workflow.Testing;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>A throw-away workflow database on one provider; tests run the same on both.</summary>
public interface ITestDatabase : IAsyncDisposable
{
    WorkflowDatabaseProvider Provider { get; }

    FakeClock Clock { get; }

    /// <summary>A fresh service provider on the database, as a new process would build it; migrated unless told otherwise.</summary>
    Task<ServiceProvider> OpenAsync(Action<IServiceCollection>? configure = null, bool migrate = true);

    /// <summary>Runs SQL on a connection of its own and returns the first column of the first row.</summary>
    object? Scalar(string sql);

    /// <summary>Runs a query on a connection of its own and returns every row (DBNull as null).</summary>
    IReadOnlyList<object?[]> Query(string sql);
}
