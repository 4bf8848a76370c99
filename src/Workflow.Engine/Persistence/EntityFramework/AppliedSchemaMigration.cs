namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>A schema step that <see cref="WorkflowDatabase.MigrateAsync"/> applied in this call.</summary>
public sealed record AppliedSchemaMigration(string Module, int Version, string Name);
