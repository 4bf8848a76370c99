using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Persistence.EntityFramework;

namespace Workflow.Definitions.Tracking;

/// <summary>
/// The indexes the paged, filtered lists need (docs/persistence.md): the handled lists (已办) read a department's
/// completed steps newest first; the open lists filter by filing date. A module of its own (registered after
/// <c>permits</c>, whose tables it indexes) so that its steps do not take the permit module's numbers. It adds no entity.
/// </summary>
public sealed class ListIndexModule : IWorkflowPersistenceModule
{
    /// <inheritdoc />
    public string Name => "permit-lists";

    /// <inheritdoc />
    public IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "indexes of the handled lists and the filing date", Indexes, Indexes),
    ];

    /// <inheritdoc />
    public void ConfigureModel(ModelBuilder modelBuilder)
    {
    }

    private const string Indexes = """
        CREATE INDEX ix_permit_steps_handled ON permit_steps (department, state, completed_at);
        CREATE INDEX ix_permit_cases_submitted ON permit_cases (submitted_at);
        """;
}
