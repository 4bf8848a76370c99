using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Bindings;

/// <summary>
/// The catalogue bindings' tables: <c>permit_bindings</c> (the bindings in force) and <c>permit_binding_changes</c>
/// (their append-only audit). A module of its own so that its schema evolves apart from the case tables.
/// </summary>
internal sealed class BindingPersistenceModule : IWorkflowPersistenceModule
{
    public string Name => "bindings";

    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "bindings and their audit", Script("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"), Script("bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
    ];

    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BindingRow>(e =>
        {
            e.ToTable("permit_bindings");
            e.HasKey(x => x.ScopeKey);
        });
        modelBuilder.Entity<BindingChangeRow>(e =>
        {
            e.ToTable("permit_binding_changes");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
        });
    }

    // The same DDL on both providers but for the 64-bit integer type that holds instants (nanoseconds since the epoch)
    // and the audit's sequence number, which orders changes made within the same instant.
    private static string Script(string int64, string sequence) => $"""
        CREATE TABLE permit_bindings (
            scope_key TEXT NOT NULL PRIMARY KEY,
            stage TEXT NOT NULL,
            matter TEXT NULL,
            project_kind TEXT NULL,
            definition_id TEXT NOT NULL,
            changed_by TEXT NOT NULL,
            changed_at {int64} NOT NULL
        );
        CREATE INDEX ix_permit_bindings_definition ON permit_bindings (definition_id);

        CREATE TABLE permit_binding_changes (
            id {sequence},
            scope_key TEXT NOT NULL,
            before_definition_id TEXT NULL,
            after_definition_id TEXT NULL,
            actor TEXT NOT NULL,
            at {int64} NOT NULL
        );
        CREATE INDEX ix_permit_binding_changes_at ON permit_binding_changes (at);
        """;
}
