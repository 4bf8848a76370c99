namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>Which database the workflow tables live in.</summary>
public enum WorkflowDatabaseProvider
{
    /// <summary>A SQLite file in WAL mode: the embedded default.</summary>
    Sqlite,
    /// <summary>PostgreSQL via Npgsql: production, several processes on one database.</summary>
    PostgreSql,
}
