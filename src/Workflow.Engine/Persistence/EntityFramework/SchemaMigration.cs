namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// One step of a module's schema, written by hand once per provider (there is no <c>dotnet ef</c> here).
/// <see cref="WorkflowDatabase.MigrateAsync"/> runs each step at most once, in version order, inside one
/// transaction together with its schema-history row.
/// </summary>
/// <param name="Version">1-based, gapless within the module.</param>
/// <param name="Name">What the step does, for the history table and logs.</param>
/// <param name="Sqlite">The SQLite script (several statements allowed).</param>
/// <param name="PostgreSql">The PostgreSQL script (several statements allowed).</param>
public sealed record SchemaMigration(int Version, string Name, string Sqlite, string PostgreSql)
{
    /// <summary>The script for <paramref name="provider"/>.</summary>
    public string ScriptFor(WorkflowDatabaseProvider provider) => provider switch
    {
        WorkflowDatabaseProvider.Sqlite => Sqlite,
        WorkflowDatabaseProvider.PostgreSql => PostgreSql,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };
}
