using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Feeds;

/// <summary>Deadline calendar feeds' tokens (docs/ledger-and-feeds.md): <c>fd_tokens</c>, in a module of its own.</summary>
public sealed class FeedPersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "feeds";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "calendar feed tokens", Tokens("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"), Tokens("bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FeedTokenRow>(e =>
        {
            e.ToTable("fd_tokens");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.Scope).HasConversion<string>();
        });
    }

    private static string Tokens(string int64, string sequence) => $"""
        CREATE TABLE fd_tokens (
            id {sequence},
            scope TEXT NOT NULL,
            owner TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            label TEXT NULL,
            created_by TEXT NOT NULL,
            created_at {int64} NOT NULL,
            revoked_at {int64} NULL
        );
        CREATE INDEX ix_fd_tokens_owner ON fd_tokens (scope, owner);
        """;
}
