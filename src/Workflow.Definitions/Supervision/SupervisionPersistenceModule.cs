using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Workflow.Definitions.Returns;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Supervision;

/// <summary>
/// Electronic supervision's tables (docs/supervision.md): <c>sup_timers</c> (pending card timers), <c>sup_cards</c>
/// (fired yellow and red cards), <c>sup_urgings</c> (督办 notices and their replies), <c>sup_returns</c> (repeated returns, each with its reason). A module of its own so its schema evolves apart from the case tables.
/// </summary>
public sealed class SupervisionPersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "supervision";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "card timers and cards", Cards("INTEGER"), Cards("bigint")),
        new(2, "urging notices", Urgings("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"), Urgings("bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
        new(3, "repeated returns", Returns("INTEGER"), Returns("bigint")),
        new(4, "the urging list's indexes in due order", UrgingOrder("replied_at IS NOT NULL"), UrgingOrder("(replied_at IS NOT NULL)")),
    ];

    /// <summary>
    /// The urging list's default order (<see cref="UrgingService.ListAsync"/>: awaiting a reply first, the earliest reply
    /// due first), for everyone and per department, so that a page reads its entries in order and stops. The expression
    /// is the query's word for word (PostgreSQL wants it in parentheses), as for the inboxes' indexes (docs/persistence.md).
    /// </summary>
    private static string UrgingOrder(string replied) => $"""
        CREATE INDEX ix_sup_urgings_due ON sup_urgings ({replied}, reply_due, id);
        CREATE INDEX ix_sup_urgings_due_by_department ON sup_urgings (department, {replied}, reply_due, id);
        """;

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeadlineTimerRow>(e =>
        {
            e.ToTable("sup_timers");
            MapCardKey(e);
        });
        modelBuilder.Entity<CardRow>(e =>
        {
            e.ToTable("sup_cards");
            MapCardKey(e);
            e.Property(x => x.DueLevelAt).HasColumnName("level_at");
        });
        modelBuilder.Entity<UrgingRow>(e =>
        {
            e.ToTable("sup_urgings");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
        });
        modelBuilder.Entity<RepeatedReturnRow>(e =>
        {
            e.ToTable("sup_returns");
            e.HasKey(x => x.Id);
        });
    }

    private static string Returns(string int64) => $"""
        CREATE TABLE sup_returns (
            id TEXT NOT NULL PRIMARY KEY,
            case_id TEXT NOT NULL,
            step_id TEXT NOT NULL,
            department TEXT NOT NULL,
            material_code TEXT NOT NULL,
            reason TEXT NULL,
            actor TEXT NOT NULL,
            at {int64} NOT NULL,
            unchallenged_at {int64} NULL
        );
        CREATE INDEX ix_sup_returns_case ON sup_returns (case_id);
        CREATE INDEX ix_sup_returns_step ON sup_returns (step_id);
        """;

    private static string Urgings(string int64, string sequence) => $"""
        CREATE TABLE sup_urgings (
            id {sequence},
            case_id TEXT NOT NULL,
            step_id TEXT NOT NULL,
            department TEXT NOT NULL,
            message TEXT NOT NULL,
            reply_due {int64} NOT NULL,
            issued_by TEXT NOT NULL,
            issued_at {int64} NOT NULL,
            reply TEXT NULL,
            replied_by TEXT NULL,
            replied_at {int64} NULL
        );
        CREATE INDEX ix_sup_urgings_department ON sup_urgings (department, issued_at);
        """;

    // The same DDL on both providers but for the 64-bit integer type that holds instants (nanoseconds since the epoch).
    private static string Cards(string int64) => $"""
        CREATE TABLE sup_timers (
            id TEXT NOT NULL PRIMARY KEY,
            case_id TEXT NOT NULL,
            step_id TEXT NULL,
            subject TEXT NOT NULL,
            clock TEXT NOT NULL,
            level TEXT NOT NULL,
            department TEXT NOT NULL,
            fire_at {int64} NOT NULL,
            due_at {int64} NOT NULL
        );
        CREATE INDEX ix_sup_timers_fire_at ON sup_timers (fire_at);
        CREATE INDEX ix_sup_timers_case ON sup_timers (case_id);

        CREATE TABLE sup_cards (
            id TEXT NOT NULL PRIMARY KEY,
            case_id TEXT NOT NULL,
            step_id TEXT NULL,
            subject TEXT NOT NULL,
            clock TEXT NOT NULL,
            level TEXT NOT NULL,
            department TEXT NOT NULL,
            level_at {int64} NOT NULL,
            due_at {int64} NOT NULL,
            fired_at {int64} NOT NULL
        );
        CREATE INDEX ix_sup_cards_case ON sup_cards (case_id);
        CREATE INDEX ix_sup_cards_department ON sup_cards (department, level_at);
        """;

    /// <summary>
    /// The columns a pending card timer and its fired card share (<see cref="ICardKeyed"/>): the timer becomes the card
    /// of the same key, so both tables must key and convert them alike (the context names the columns, docs/persistence.md).
    /// </summary>
    private static void MapCardKey<T>(EntityTypeBuilder<T> e) where T : class, ICardKeyed
    {
        e.HasKey(nameof(ICardKeyed.Id));
        e.Property<CardSubject>(nameof(ICardKeyed.Subject)).HasConversion<string>();
        e.Property<CardClock>(nameof(ICardKeyed.Clock)).HasConversion<string>();
        e.Property<DeadlineLevel>(nameof(ICardKeyed.Level)).HasConversion<string>();
    }
}
