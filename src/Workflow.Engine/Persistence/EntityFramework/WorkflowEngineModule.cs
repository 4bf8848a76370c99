using Microsoft.EntityFrameworkCore;

namespace Workflow.Engine.Persistence.EntityFramework;

/// <summary>
/// The engine's own tables: <c>wf_definitions</c>, <c>wf_instances</c>, <c>wf_bookmarks</c>, <c>wf_journal</c>
/// and <c>wf_idempotency</c>. Always registered, always migrated first. Every table and column is named
/// explicitly (snake_case) so that the hand-written scripts and the model cannot drift apart silently.
/// </summary>
internal sealed class WorkflowEngineModule : IWorkflowPersistenceModule
{
    public const string ModuleName = "workflow";

    public string Name => ModuleName;

    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "definitions, instances, bookmarks, journal, idempotency", V1("INTEGER", "INTEGER", "INTEGER"), V1("boolean", "integer", "bigint")),
        new(2, "timer leases on bookmarks",
            """
            ALTER TABLE wf_bookmarks ADD COLUMN claimed_by TEXT NULL;
            ALTER TABLE wf_bookmarks ADD COLUMN claimed_until INTEGER NULL;
            """,
            """
            ALTER TABLE wf_bookmarks ADD COLUMN claimed_by text NULL;
            ALTER TABLE wf_bookmarks ADD COLUMN claimed_until bigint NULL;
            """),
        new(3, "workflow output on instances",
            "ALTER TABLE wf_instances ADD COLUMN output TEXT NOT NULL DEFAULT '{}';",
            "ALTER TABLE wf_instances ADD COLUMN output text NOT NULL DEFAULT '{}';"),
        new(4, "test instances (the Studio's Run)",
            "ALTER TABLE wf_instances ADD COLUMN is_test INTEGER NOT NULL DEFAULT 0;",
            "ALTER TABLE wf_instances ADD COLUMN is_test boolean NOT NULL DEFAULT false;"),
        // Issue #16: a save rewrites only the parts of the execution state a run changed. Rows saved before keep their
        // whole state in execution_state (state_in_parts = 0) and are read from there until their next save.
        new(5, "execution state in parts",
            """
            CREATE TABLE wf_state_parts (
                instance_id TEXT NOT NULL,
                pointer TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                value TEXT NOT NULL,
                CONSTRAINT pk_wf_state_parts PRIMARY KEY (instance_id, pointer),
                CONSTRAINT fk_wf_state_parts_instance FOREIGN KEY (instance_id) REFERENCES wf_instances (id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            ALTER TABLE wf_instances ADD COLUMN state_in_parts INTEGER NOT NULL DEFAULT 0;
            """,
            """
            CREATE TABLE wf_state_parts (
                instance_id text NOT NULL,
                pointer text NOT NULL,
                ordinal integer NOT NULL,
                value text NOT NULL,
                CONSTRAINT pk_wf_state_parts PRIMARY KEY (instance_id, pointer),
                CONSTRAINT fk_wf_state_parts_instance FOREIGN KEY (instance_id) REFERENCES wf_instances (id) ON DELETE CASCADE
            );
            ALTER TABLE wf_instances ADD COLUMN state_in_parts boolean NOT NULL DEFAULT false;
            """),
        // Issue #16: SQLite writes every B-tree page a save touches twice (WAL, then checkpoint), so each B-tree a row
        // lives in costs pages per resume (docs/persistence.md, *Schema*; docs/benchmarks.md, "2026-12-01 (2)"). The
        // journal and the bookmarks become WITHOUT ROWID tables (the primary key is the table: one B-tree less each);
        // the index on (activity_type, kind), which no query of the engine uses, goes; the index on resume_at keeps
        // the timers only (a partial index: an event bookmark is not written to it). PostgreSQL keeps its heap tables
        // and takes the same index changes.
        new(6, "fewer B-trees per save",
            """
            CREATE TABLE wf_journal_new (
                instance_id TEXT NOT NULL,
                sequence INTEGER NOT NULL,
                activity_id TEXT NOT NULL,
                activity_type TEXT NOT NULL,
                node_id TEXT NOT NULL,
                event_kind TEXT NOT NULL,
                outcome TEXT NULL,
                occurred_at INTEGER NOT NULL,
                data TEXT NULL,
                CONSTRAINT pk_wf_journal PRIMARY KEY (instance_id, sequence),
                CONSTRAINT fk_wf_journal_instance FOREIGN KEY (instance_id) REFERENCES wf_instances (id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            INSERT INTO wf_journal_new (instance_id, sequence, activity_id, activity_type, node_id, event_kind, outcome, occurred_at, data)
                SELECT instance_id, sequence, activity_id, activity_type, node_id, event_kind, outcome, occurred_at, data FROM wf_journal;
            DROP TABLE wf_journal;
            ALTER TABLE wf_journal_new RENAME TO wf_journal;

            CREATE TABLE wf_bookmarks_new (
                id TEXT NOT NULL PRIMARY KEY,
                instance_id TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                activity_id TEXT NOT NULL,
                activity_type TEXT NOT NULL,
                node_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NULL,
                created_at INTEGER NOT NULL,
                resume_at INTEGER NULL,
                claimed_by TEXT NULL,
                claimed_until INTEGER NULL,
                CONSTRAINT fk_wf_bookmarks_instance FOREIGN KEY (instance_id) REFERENCES wf_instances (id) ON DELETE CASCADE
            ) WITHOUT ROWID;
            INSERT INTO wf_bookmarks_new (id, instance_id, ordinal, activity_id, activity_type, node_id, kind, payload, created_at, resume_at, claimed_by, claimed_until)
                SELECT id, instance_id, ordinal, activity_id, activity_type, node_id, kind, payload, created_at, resume_at, claimed_by, claimed_until FROM wf_bookmarks;
            DROP TABLE wf_bookmarks;
            ALTER TABLE wf_bookmarks_new RENAME TO wf_bookmarks;
            CREATE INDEX ix_wf_bookmarks_instance_id ON wf_bookmarks (instance_id);
            CREATE INDEX ix_wf_bookmarks_kind_resume_at ON wf_bookmarks (kind, resume_at);
            CREATE INDEX ix_wf_bookmarks_resume_at ON wf_bookmarks (resume_at) WHERE resume_at IS NOT NULL;
            """,
            """
            DROP INDEX ix_wf_bookmarks_activity_type_kind;
            DROP INDEX ix_wf_bookmarks_resume_at;
            CREATE INDEX ix_wf_bookmarks_resume_at ON wf_bookmarks (resume_at) WHERE resume_at IS NOT NULL;
            """),
    ];

    public void ConfigureModel(ModelBuilder modelBuilder)
    {

        modelBuilder.Entity<DefinitionRow>(e =>
        {
            e.ToTable("wf_definitions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Json).HasColumnName("definition_json");
            e.Property(x => x.RowVersion).IsConcurrencyToken();
            e.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique().HasDatabaseName("ux_wf_definitions_definition_version");
            e.HasIndex(x => new { x.IsLatest, x.Name }).HasDatabaseName("ix_wf_definitions_latest_name");
        });

        modelBuilder.Entity<InstanceRow>(e =>
        {
            e.ToTable("wf_instances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.DefinitionId, x.DefinitionVersion }).HasDatabaseName("ix_wf_instances_definition");
            e.HasIndex(x => x.CorrelationId).HasDatabaseName("ix_wf_instances_correlation_id");
            e.HasIndex(x => new { x.Status, x.SubStatus }).HasDatabaseName("ix_wf_instances_status");
        });

        modelBuilder.Entity<BookmarkRow>(e =>
        {
            e.ToTable("wf_bookmarks");
            e.HasKey(x => x.Id);
            e.HasOne<InstanceRow>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("fk_wf_bookmarks_instance");
            e.HasIndex(x => x.InstanceId).HasDatabaseName("ix_wf_bookmarks_instance_id");
            e.HasIndex(x => new { x.Kind, x.ResumeAt }).HasDatabaseName("ix_wf_bookmarks_kind_resume_at");
            // Timers only (schema step 6): the due-timer claim compares resume_at, which implies it is not null.
            e.HasIndex(x => x.ResumeAt).HasDatabaseName("ix_wf_bookmarks_resume_at").HasFilter("resume_at IS NOT NULL");
        });

        modelBuilder.Entity<StatePartRow>(e =>
        {
            e.ToTable("wf_state_parts");
            e.HasKey(x => new { x.InstanceId, x.Pointer });
            e.HasOne<InstanceRow>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("fk_wf_state_parts_instance");
        });

        modelBuilder.Entity<JournalRow>(e =>
        {
            e.ToTable("wf_journal");
            e.HasKey(x => new { x.InstanceId, x.Sequence });
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.HasOne<InstanceRow>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade)
                .HasConstraintName("fk_wf_journal_instance");
        });

        modelBuilder.Entity<IdempotencyRow>(e =>
        {
            e.ToTable("wf_idempotency");
            e.HasKey(x => new { x.Scope, x.Key });
            e.Property(x => x.Key).HasColumnName("idempotency_key");
        });
    }

    // One DDL for both providers: only the column types differ (SQLite keeps booleans and every integer as INTEGER).
    private static string V1(string boolean, string int32, string int64) => $"""
        CREATE TABLE wf_definitions (
            id TEXT NOT NULL PRIMARY KEY,
            definition_id TEXT NOT NULL,
            version {int32} NOT NULL,
            name TEXT NOT NULL,
            description TEXT NULL,
            is_latest {boolean} NOT NULL,
            is_published {boolean} NOT NULL,
            definition_json TEXT NOT NULL,
            created_at {int64} NOT NULL,
            row_version {int64} NOT NULL
        );
        CREATE UNIQUE INDEX ux_wf_definitions_definition_version ON wf_definitions (definition_id, version);
        CREATE INDEX ix_wf_definitions_latest_name ON wf_definitions (is_latest, name);

        CREATE TABLE wf_instances (
            id TEXT NOT NULL PRIMARY KEY,
            definition_id TEXT NOT NULL,
            definition_version {int32} NOT NULL,
            definition_version_id TEXT NOT NULL,
            correlation_id TEXT NULL,
            name TEXT NULL,
            status TEXT NOT NULL,
            sub_status TEXT NOT NULL,
            input TEXT NOT NULL,
            variables TEXT NOT NULL,
            execution_state TEXT NOT NULL,
            fault TEXT NULL,
            created_at {int64} NOT NULL,
            updated_at {int64} NOT NULL,
            finished_at {int64} NULL,
            version {int64} NOT NULL
        );
        CREATE INDEX ix_wf_instances_definition ON wf_instances (definition_id, definition_version);
        CREATE INDEX ix_wf_instances_correlation_id ON wf_instances (correlation_id);
        CREATE INDEX ix_wf_instances_status ON wf_instances (status, sub_status);

        CREATE TABLE wf_bookmarks (
            id TEXT NOT NULL PRIMARY KEY,
            instance_id TEXT NOT NULL,
            ordinal {int32} NOT NULL,
            activity_id TEXT NOT NULL,
            activity_type TEXT NOT NULL,
            node_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NULL,
            created_at {int64} NOT NULL,
            resume_at {int64} NULL,
            CONSTRAINT fk_wf_bookmarks_instance FOREIGN KEY (instance_id) REFERENCES wf_instances (id) ON DELETE CASCADE
        );
        CREATE INDEX ix_wf_bookmarks_instance_id ON wf_bookmarks (instance_id);
        CREATE INDEX ix_wf_bookmarks_activity_type_kind ON wf_bookmarks (activity_type, kind);
        CREATE INDEX ix_wf_bookmarks_kind_resume_at ON wf_bookmarks (kind, resume_at);
        CREATE INDEX ix_wf_bookmarks_resume_at ON wf_bookmarks (resume_at);

        CREATE TABLE wf_journal (
            instance_id TEXT NOT NULL,
            sequence {int64} NOT NULL,
            activity_id TEXT NOT NULL,
            activity_type TEXT NOT NULL,
            node_id TEXT NOT NULL,
            event_kind TEXT NOT NULL,
            outcome TEXT NULL,
            occurred_at {int64} NOT NULL,
            data TEXT NULL,
            CONSTRAINT pk_wf_journal PRIMARY KEY (instance_id, sequence),
            CONSTRAINT fk_wf_journal_instance FOREIGN KEY (instance_id) REFERENCES wf_instances (id) ON DELETE CASCADE
        );

        CREATE TABLE wf_idempotency (
            scope TEXT NOT NULL,
            idempotency_key TEXT NOT NULL,
            request_hash TEXT NOT NULL,
            response_json TEXT NOT NULL,
            created_at {int64} NOT NULL,
            CONSTRAINT pk_wf_idempotency PRIMARY KEY (scope, idempotency_key)
        );
        """;

}
