namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>Where the workflow database is; set by <c>AddWorkflowSqlite</c> / <c>AddWorkflowPostgreSql</c>.</summary>
public sealed class WorkflowPersistenceOptions
{
    /// <summary>SQLite or PostgreSQL; the SQL the migrations and stores run depends on it.</summary>
    public required WorkflowDatabaseProvider Provider { get; init; }
    /// <summary>The provider's connection string (a SQLite file path in <c>Data Source=…</c>, or a PostgreSQL connection string).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>SQLite only: how long a writer waits for another writer's lock before failing (default 30 s).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQLite only: the page size in bytes of a <b>new</b> database file (set by <c>MigrateAsync</c> when it creates the
    /// file; an existing file keeps its own). Null: SQLite's default, 4096. Smaller pages write fewer bytes per commit
    /// (docs/benchmarks.md, "2026-12-01 (3)").
    /// </summary>
    public int? SqlitePageSize { get; init; }
}
