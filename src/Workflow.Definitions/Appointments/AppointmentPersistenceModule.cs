using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Appointments;

/// <summary>
/// Halls, windows, service categories, appointments, the per-slot counters that enforce capacity, bans and the identity key
/// (docs/appointments.md): the <c>appt_</c> tables, a module of its own so the schema evolves apart from the cases.
/// </summary>
public sealed class AppointmentPersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "appointments";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "halls, windows, categories, appointments", Tables("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"), Tables("bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Hall>(e =>
        {
            e.ToTable("appt_halls");
            e.HasKey(x => x.Code);
        });
        modelBuilder.Entity<ServiceWindow>(e =>
        {
            e.ToTable("appt_windows");
            e.HasKey(x => new { x.Hall, x.Number });
        });
        modelBuilder.Entity<ServiceCategory>(e =>
        {
            e.ToTable("appt_categories");
            e.HasKey(x => x.Code);
        });
        modelBuilder.Entity<Appointment>(e =>
        {
            e.ToTable("appt_appointments");
            e.HasKey(x => x.Id);
            e.Ignore(x => x.IsActive);
            e.Property(x => x.State).HasConversion<string>();
        });
        modelBuilder.Entity<AppointmentBan>(e =>
        {
            e.ToTable("appt_bans");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.From).HasColumnName("from_at");
            e.Property(x => x.Until).HasColumnName("until_at");
        });
    }

    // The same DDL on both providers but for the 64-bit integer type that holds instants and the identity column.
    // appt_slot_counts is written only by one upsert statement (BookingDesk), so it has no entity.
    // The partial unique index is the last guard of "one active appointment per identity, category and day".
    private static string Tables(string int64, string sequence) => $"""
        CREATE TABLE appt_halls (
            code TEXT NOT NULL PRIMARY KEY,
            name_zh TEXT NOT NULL,
            name_en TEXT NOT NULL,
            calendar_id TEXT NOT NULL,
            hours TEXT NOT NULL,
            slot_minutes INTEGER NOT NULL CHECK (slot_minutes > 0),
            capacity INTEGER NOT NULL CHECK (capacity > 0)
        );
        CREATE TABLE appt_categories (
            code TEXT NOT NULL PRIMARY KEY,
            prefix TEXT NOT NULL UNIQUE,
            name_zh TEXT NOT NULL,
            name_en TEXT NOT NULL,
            matters TEXT NOT NULL
        );
        CREATE TABLE appt_windows (
            hall TEXT NOT NULL REFERENCES appt_halls (code),
            number TEXT NOT NULL,
            name_zh TEXT NOT NULL,
            name_en TEXT NOT NULL,
            categories TEXT NOT NULL,
            PRIMARY KEY (hall, number)
        );
        CREATE TABLE appt_appointments (
            id TEXT NOT NULL PRIMARY KEY,
            hall TEXT NOT NULL,
            category TEXT NOT NULL,
            day TEXT NOT NULL,
            slot_start {int64} NOT NULL,
            slot_end {int64} NOT NULL,
            identity_hash TEXT NOT NULL,
            display_name TEXT NOT NULL,
            mobile TEXT NOT NULL,
            agent TEXT NULL,
            client_hash TEXT NULL,
            state TEXT NOT NULL,
            created_at {int64} NOT NULL,
            cancelled_at {int64} NULL,
            checked_in_at {int64} NULL,
            no_show_at {int64} NULL
        );
        CREATE UNIQUE INDEX ux_appt_active ON appt_appointments (identity_hash, category, day) WHERE state IN ('Booked', 'CheckedIn');
        CREATE INDEX ix_appt_slot ON appt_appointments (hall, day, slot_start);
        CREATE INDEX ix_appt_identity ON appt_appointments (identity_hash, created_at);
        CREATE INDEX ix_appt_agent ON appt_appointments (agent, created_at);
        CREATE INDEX ix_appt_due ON appt_appointments (state, slot_end);
        CREATE INDEX ix_appt_created ON appt_appointments (created_at);
        CREATE TABLE appt_slot_counts (
            hall TEXT NOT NULL,
            slot_start {int64} NOT NULL,
            booked INTEGER NOT NULL CHECK (booked >= 0),
            PRIMARY KEY (hall, slot_start)
        );
        CREATE TABLE appt_bans (
            id {sequence},
            identity_hash TEXT NOT NULL,
            display_name TEXT NOT NULL,
            no_shows INTEGER NOT NULL,
            from_at {int64} NOT NULL,
            until_at {int64} NOT NULL
        );
        CREATE INDEX ix_appt_bans_identity ON appt_bans (identity_hash, until_at);
        CREATE TABLE appt_secrets (
            name TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        """;
}
