using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Queueing;

/// <summary>
/// The queue's tables (docs/queueing.md): <c>queue_counters</c> (one row per day and category prefix, bumped by one upsert
/// per ticket), <c>queue_tickets</c> and <c>queue_calls</c> (what the halls' displays show).
/// </summary>
public sealed class QueuePersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "queueing";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "queue numbers, tickets and calls", Tables("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"), Tables("bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<QueueTicketRow>(e =>
        {
            e.ToTable("queue_tickets");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Source).HasConversion<string>();
            e.Property(x => x.State).HasConversion<string>();
            e.Property(x => x.Window).HasColumnName("window_code");
        });
        modelBuilder.Entity<QueueCallRow>(e =>
        {
            e.ToTable("queue_calls");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Window).HasColumnName("window_code");
        });
    }

    // The same DDL on both providers but for the 64-bit integer type that holds instants and the identity column.
    // The unique (day, number) index is the last guard of "one number once a day across every hall"; the partial one
    // keeps an identity to one open ticket per category a day even when two kiosks issue at the same moment, and a window
    // to one ticket in service even when two clerks press "next" on it at once.
    private static string Tables(string int64, string identity) => $"""
        CREATE TABLE queue_counters (
            day TEXT NOT NULL,
            prefix TEXT NOT NULL,
            last_number INTEGER NOT NULL,
            PRIMARY KEY (day, prefix)
        );
        CREATE TABLE queue_tickets (
            id {identity},
            day TEXT NOT NULL,
            number TEXT NOT NULL,
            code TEXT NOT NULL,
            hall TEXT NOT NULL,
            category TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            source TEXT NOT NULL,
            appointment_id TEXT NULL,
            slot_start {int64} NULL,
            slot_end {int64} NULL,
            holder_key TEXT NOT NULL,
            project_code TEXT NULL,
            agent TEXT NULL,
            priority INTEGER NOT NULL,
            priority_reasons TEXT NOT NULL,
            state TEXT NOT NULL,
            issued_at {int64} NOT NULL,
            first_called_at {int64} NULL,
            called_at {int64} NULL,
            window_code TEXT NULL,
            target_window TEXT NULL,
            clerk TEXT NULL,
            calls INTEGER NOT NULL,
            transfers INTEGER NOT NULL,
            ended_at {int64} NULL,
            cases TEXT NOT NULL
        );
        CREATE UNIQUE INDEX ux_queue_tickets_number ON queue_tickets (day, number);
        CREATE UNIQUE INDEX ux_queue_tickets_open_holder ON queue_tickets (day, category, holder_key) WHERE state IN ('Waiting', 'Called');
        CREATE UNIQUE INDEX ux_queue_tickets_serving ON queue_tickets (day, hall, window_code) WHERE state = 'Called';
        CREATE INDEX ix_queue_tickets_hall ON queue_tickets (day, hall, state);
        CREATE INDEX ix_queue_tickets_issued ON queue_tickets (issued_at);
        CREATE TABLE queue_calls (
            id {identity},
            day TEXT NOT NULL,
            hall TEXT NOT NULL,
            ticket_id {int64} NOT NULL,
            number TEXT NOT NULL,
            window_code TEXT NOT NULL,
            recall BOOLEAN NOT NULL,
            at {int64} NOT NULL
        );
        CREATE INDEX ix_queue_calls_hall ON queue_calls (hall, day, id);
        """;
}
