using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Calendar;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Feedback;

/// <summary>
/// Ratings and complaints (好差评, 投诉; docs/feedback.md): <c>fb_ratings</c> and <c>fb_complaints</c>, a module of its own
/// so its schema evolves apart from the case and supervision tables.
/// </summary>
public sealed class FeedbackPersistenceModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "feedback";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "ratings and complaints", Tables("INTEGER", "INTEGER PRIMARY KEY AUTOINCREMENT"), Tables("bigint", "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY")),
        new(2, "the complaint list's indexes by state and by department in filing order", ListIndexes, ListIndexes),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RatingRow>(e =>
        {
            e.ToTable("fb_ratings");
            e.HasKey(x => x.Id);
        });
        modelBuilder.Entity<ComplaintRow>(e =>
        {
            e.ToTable("fb_complaints");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.Property(x => x.State).HasConversion<string>();
        });
    }

    /// <summary>
    /// The complaint list (<see cref="FeedbackService.ComplaintsAsync"/>) reads newest first along the id: filtered by
    /// state or department, these indexes give that order, so a page reads its entries and stops (docs/feedback.md).
    /// </summary>
    private const string ListIndexes = """
        CREATE INDEX ix_fb_complaints_state ON fb_complaints (state, id);
        CREATE INDEX ix_fb_complaints_department_id ON fb_complaints (department, id);
        """;

    // The same DDL on both providers but for the 64-bit integer type that holds instants and the identity column.
    private static string Tables(string int64, string sequence) => $"""
        CREATE TABLE fb_ratings (
            id TEXT NOT NULL PRIMARY KEY,
            case_id TEXT NOT NULL,
            matter TEXT NOT NULL,
            department TEXT NOT NULL,
            agent TEXT NOT NULL,
            stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
            comment TEXT NULL,
            rated_at {int64} NOT NULL
        );
        CREATE INDEX ix_fb_ratings_case ON fb_ratings (case_id);
        CREATE INDEX ix_fb_ratings_department ON fb_ratings (department, rated_at);

        CREATE TABLE fb_complaints (
            id {sequence},
            case_id TEXT NOT NULL,
            step_id TEXT NULL,
            department TEXT NOT NULL,
            agent TEXT NOT NULL,
            text TEXT NOT NULL,
            filed_at {int64} NOT NULL,
            state TEXT NOT NULL,
            handler TEXT NULL,
            taken_at {int64} NULL,
            reply TEXT NULL,
            answered_at {int64} NULL,
            closed_by TEXT NULL,
            closed_at {int64} NULL
        );
        CREATE INDEX ix_fb_complaints_agent ON fb_complaints (agent, id);
        CREATE INDEX ix_fb_complaints_department ON fb_complaints (department, filed_at);
        """;
}
