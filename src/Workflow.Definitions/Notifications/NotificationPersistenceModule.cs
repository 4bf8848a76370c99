using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Notifications;

/// <summary>The notification centre's tables: <c>notifications</c> and <c>notification_reads</c> (docs/supervision.md, Notifications).</summary>
public sealed class NotificationPersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "notifications";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "notifications and who read them", Script("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"), Script("bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
        // The list filtered by kind reads its audience's notifications of that kind newest first and stops (docs/api.md, *Lists*).
        new(2, "notifications by audience and kind", ByKind, ByKind),
    ];

    private const string ByKind = "CREATE INDEX ix_notifications_audience_kind ON notifications (audience, kind, id);";

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NotificationRow>(e =>
        {
            e.ToTable("notifications");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
        });
        modelBuilder.Entity<NotificationReadRow>(e =>
        {
            e.ToTable("notification_reads");
            e.HasKey(x => new { x.NotificationId, x.Reader });
        });
    }

    private static string Script(string int64, string sequence) => $"""
        CREATE TABLE notifications (
            id {sequence},
            kind TEXT NOT NULL,
            audience TEXT NOT NULL,
            case_id TEXT NULL,
            step_id TEXT NULL,
            data TEXT NOT NULL,
            created_at {int64} NOT NULL
        );
        CREATE INDEX ix_notifications_audience ON notifications (audience, id);

        CREATE TABLE notification_reads (
            notification_id {int64} NOT NULL,
            reader TEXT NOT NULL,
            read_at {int64} NOT NULL,
            PRIMARY KEY (notification_id, reader)
        );
        """;
}
