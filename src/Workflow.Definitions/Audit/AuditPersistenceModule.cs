using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Audit;

/// <summary>
/// The audit trail's table <c>audit_entries</c> (docs/audit.md). A module of its own, so its schema steps never collide
/// with the case or binding tables'.
/// </summary>
internal sealed class AuditPersistenceModule : IWorkflowPersistenceModule
{
    public string Name => "audit";

    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "the audit hash chain", Script("INTEGER"), Script("bigint")),
        // A case's entries in chain order: the paged audit list reads it and stops (docs/api.md, *Lists*).
        new(2, "a case's entries in chain order", BySequence, BySequence),
    ];

    private const string BySequence = "CREATE INDEX ix_audit_entries_case_sequence ON audit_entries (case_id, sequence);";

    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entries");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.HasIndex(x => x.CaseId).HasDatabaseName("ix_audit_entries_case");
        });
    }

    private static string Script(string int64) => $"""
        CREATE TABLE audit_entries (
            sequence {int64} NOT NULL PRIMARY KEY,
            at {int64} NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            case_id TEXT NULL,
            step_id TEXT NULL,
            before TEXT NULL,
            after TEXT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX ix_audit_entries_case ON audit_entries (case_id);
        """;
}
