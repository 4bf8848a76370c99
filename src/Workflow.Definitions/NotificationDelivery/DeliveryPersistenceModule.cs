using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.NotificationDelivery;

/// <summary>The delivery tables: <c>notification_settings</c> and <c>notification_outbox</c> (docs/notifications.md).</summary>
public sealed class DeliveryPersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "notification-delivery";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "notification settings and the e-mail outbox", Script("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"), Script("bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<NotificationSettingRow>(e =>
        {
            e.ToTable("notification_settings");
            e.HasKey(x => x.Reader);
            e.Ignore(x => x.EmailKindList);
        });
        modelBuilder.Entity<OutboxMessageRow>(e =>
        {
            e.ToTable("notification_outbox");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
        });
    }

    private static string Script(string int64, string sequence) => $"""
        CREATE TABLE notification_settings (
            reader TEXT NOT NULL PRIMARY KEY,
            audience TEXT NOT NULL,
            email TEXT NULL,
            language TEXT NOT NULL,
            email_kinds TEXT NOT NULL
        );
        CREATE INDEX ix_notification_settings_audience ON notification_settings (audience);

        CREATE TABLE notification_outbox (
            id {sequence},
            kind TEXT NOT NULL,
            reader TEXT NOT NULL,
            email TEXT NOT NULL,
            language TEXT NOT NULL,
            case_id TEXT NULL,
            step_id TEXT NULL,
            data TEXT NOT NULL,
            created_at {int64} NOT NULL,
            attempts INTEGER NOT NULL,
            next_attempt_at {int64} NOT NULL,
            claimed_until {int64} NULL,
            sent_at {int64} NULL,
            failed_at {int64} NULL,
            last_error TEXT NULL
        );
        CREATE INDEX ix_notification_outbox_due ON notification_outbox (sent_at, failed_at, next_attempt_at);
        """;
}
