using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Engine.Tests.Persistence;

/// <summary>A module as the permit domain would write one: its own table, its own scripts, a save participant projecting human steps.</summary>
public sealed class StepProjectionModule : IWorkflowPersistenceModule
{
    public string Name => "test-steps";

    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "steps",
            """
            CREATE TABLE test_steps (
                bookmark_id TEXT NOT NULL PRIMARY KEY,
                instance_id TEXT NOT NULL REFERENCES wf_instances (id) ON DELETE CASCADE,
                department TEXT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE INDEX ix_test_steps_department ON test_steps (department);
            """,
            """
            CREATE TABLE test_steps (
                bookmark_id text NOT NULL PRIMARY KEY,
                instance_id text NOT NULL REFERENCES wf_instances (id) ON DELETE CASCADE,
                department text NULL,
                created_at bigint NOT NULL
            );
            CREATE INDEX ix_test_steps_department ON test_steps (department);
            """),
    ];

    public void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<StepRow>(e =>
        {
            e.ToTable("test_steps");
            e.HasKey(x => x.BookmarkId);
            e.Property(x => x.BookmarkId).HasColumnName("bookmark_id");
            e.Property(x => x.InstanceId).HasColumnName("instance_id");
            e.Property(x => x.Department).HasColumnName("department");
            e.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(new InstantToUnixNanosecondsConverter());
            e.HasIndex(x => x.Department).HasDatabaseName("ix_test_steps_department");
        });
}

public sealed class StepRow
{
    public required string BookmarkId { get; set; }
    public required string InstanceId { get; set; }
    public string? Department { get; set; }
    public Instant CreatedAt { get; set; }
}

/// <summary>Replaces an instance's step rows with one per open human-task bookmark, in the save's transaction.</summary>
public sealed class StepProjectionParticipant : IWorkflowSaveParticipant
{
    /// <summary>When set, the participant fails after staging its rows (to prove the whole save rolls back).</summary>
    public static readonly AsyncLocal<bool> FailNext = new();

    public async Task OnSavingAsync(WorkflowSaveContext context, CancellationToken cancellationToken)
    {
        var steps = context.DbContext.Set<StepRow>();
        await steps.Where(s => s.InstanceId == context.Instance.Id).ExecuteDeleteAsync(cancellationToken);
        steps.AddRange(context.Instance.Bookmarks.Where(b => b.Kind == "HumanTask").Select(b => new StepRow
        {
            BookmarkId = b.Id,
            InstanceId = context.Instance.Id,
            Department = b.Payload?["department"]?.GetValue<string>(),
            CreatedAt = b.CreatedAt,
        }));
        if (FailNext.Value)
        {
            throw new InvalidOperationException("projection failed");
        }
    }
}
